# needs: gcc valgrind
sed -i "s/int \*p=0;/int v = 1, *p = \&v;/" vseg.c && gcc -g -O0 -o prog vseg.c && valgrind --leak-check=full ./prog
