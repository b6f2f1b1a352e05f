# needs: c++ ld.lld
c++ -g -fuse-ld=lld main.cpp -o app
