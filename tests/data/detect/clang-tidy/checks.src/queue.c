#include <stdio.h>
#include <string.h>

struct queue {
	int head;
	char name[16];
};

int queue_init(struct queue *q, const char *name)
{
	int n;

	if (q == NULL)
		return -1;
	strcpy(q->name, name);
	q->head = n;
	if (q->head = 0)
		printf("empty\n");
	return 0;
}
