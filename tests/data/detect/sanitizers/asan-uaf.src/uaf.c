#include <stdlib.h>
int main(void) {
	int *a = malloc(100 * sizeof(int));
	free(a);
	return a[5];
}
