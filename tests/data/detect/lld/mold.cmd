# needs: cc mold
cc -c main.c && cc -fuse-ld=mold main.o -o app
