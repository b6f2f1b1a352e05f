# needs: ccache
CCACHE_DIR=$PWD/.ccache ccache gcc-4.9 -c main.c -o main.o
