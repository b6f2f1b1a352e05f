#include <stdio.h>
int f(int *p) { return *p; }
int main(void) { printf("%d\n", f(NULL)); return 0; }
