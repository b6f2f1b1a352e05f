/* A program whose checks the C library makes: a failed assert, a
 * double free glibc's heap finds, a stack buffer the protector finds. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

static int count(int n)
{
	assert(n > 0);
	return n;
}

static void twice(void)
{
	char *p = malloc(16);

	free(p);
	free(p);
}

static void smash(const char *s)
{
	char buf[8];

	strcpy(buf, s);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return count(0);
	if (argv[1][0] == 'd')
		twice();
	else
		smash("a string longer than its buffer by far");
	return 0;
}
