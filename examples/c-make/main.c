/* A small word counter with two bugs for heal to fix. */
#include <stdio.h>

static size_t longest(const char *const *words, size_t n)
{
	size_t best = 0, i;

	for (i = 0; i < n; i++)
		if (strlen(words[i]) > best)
			best = strlen(words[i]);
	return best;
}

int main(int argc, char **argv)
{
	int total = argc - 1;

	printf("%d words, the longest has %zu letters\n", totl,
	       longest((const char *const *)argv + 1, (size_t)total));
	return 0;
}
