#include <stdlib.h>

struct ring {
	int len;
	int slot[8];
};

int ring_peek(struct ring *r)
{
	int unused;

	if (r)
		r->len = 0;
	return r->slot[0];
}

int ring_fill(void)
{
	int buf[8];

	buf[8] = 1;
	return buf[0];
}

char *ring_name(void)
{
	char *p = malloc(16);

	if (!p)
		return NULL;
	p[0] = 'r';
	return NULL;
}
