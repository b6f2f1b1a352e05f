# needs: clang
clang -g -fsanitize=address -o prog segv.c && env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS ./prog
