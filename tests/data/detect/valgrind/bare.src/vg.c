#include <stdlib.h>
#include <string.h>
#include <stdio.h>
static int f(int *a) { a[10] = 1; return a[0]; }
int main(int argc, char **argv) {
	int *a = malloc(10 * sizeof(int));
	int u;
	char *l = malloc(33);
	f(a);
	if (u > argc) puts("x");
	free(a);
	free(a);
	l[0] = 0;
	char *s = malloc(-3 + argc * 0);
	(void)s;
	char buf[16] = "abcdefgh";
	memcpy(buf + 2, buf, 8);
	int *z = NULL;
	if (argc > 5) return *z;
	return 0;
}
