# needs: gcc valgrind sed
# the report as users paste it, its ==PID== column cut
gcc -g -O0 -o prog vg.c && valgrind --leak-check=full ./prog 2>&1 | sed "s/^==[0-9]*== //"
