#include <limits.h>
#include <stdio.h>
int main(int argc, char **argv) {
	int x = INT_MAX;
	x += argc;
	int a[3] = {0};
	printf("%d %d\n", x, a[argc + 3]);
	return 0;
}
