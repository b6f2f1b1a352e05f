# needs: gcc
gcc -g -fsanitize=undefined -o prog ub.c && env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS ./prog
