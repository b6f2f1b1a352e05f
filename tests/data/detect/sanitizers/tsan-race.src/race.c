#include <pthread.h>
int g;
void *t(void *p) { g++; return p; }
int main(void) {
	pthread_t a, b;
	pthread_create(&a, 0, t, 0);
	pthread_create(&b, 0, t, 0);
	pthread_join(a, 0);
	pthread_join(b, 0);
	return g;
}
