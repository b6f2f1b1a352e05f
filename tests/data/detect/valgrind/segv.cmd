# needs: gcc valgrind
gcc -g -O0 -o prog vseg.c && valgrind ./prog
