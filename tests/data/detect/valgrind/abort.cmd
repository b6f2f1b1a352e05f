# needs: gcc valgrind
gcc -g -O0 -o prog ab.c && valgrind ./prog
