# needs: gcc
sed -i "s/a\[10\] = 1/a[9] = 1/" hof.c && gcc -g -fsanitize=address,undefined -o prog hof.c && env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS ./prog
