# needs: gcc valgrind
gcc -g -O0 -o prog vg.c && valgrind --leak-check=full ./prog
