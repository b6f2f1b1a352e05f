#include <stdlib.h>

int last(void)
{
	int a[4];

	a[4] = 1;
	return a[0];
}

char *dup(void)
{
	char *p = malloc(8);

	return 0;
}
