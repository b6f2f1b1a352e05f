#include <stdio.h>

extern int frame_count;

int main(void)
{
	printf("%d\n", frame_count);
	return 0;
}
