# needs: gcc
gcc -g -fsanitize=address -o prog leak.c && env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS ./prog
