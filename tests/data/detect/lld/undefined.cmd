# needs: cc ld.lld
cc -c main.c other.c && cc -fuse-ld=lld main.o other.o -o app
