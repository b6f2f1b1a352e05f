# needs: clang
clang -g -fsanitize=address -o prog uaf.c && env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS ./prog
