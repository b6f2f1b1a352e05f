# needs: cc ld.lld
cc -c a.c b.c && cc -fuse-ld=lld a.o b.o -o app
