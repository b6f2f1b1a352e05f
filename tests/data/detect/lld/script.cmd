# needs: cc ld.lld
cc -c main.c && cc -fuse-ld=lld -nostdlib -Wl,-T,app.ld main.o -o app
