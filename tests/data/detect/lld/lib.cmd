# needs: cc ld.lld
cc -fuse-ld=lld main.c -lnosuchlib -o app
