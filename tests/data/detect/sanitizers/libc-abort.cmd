# needs: gcc
gcc -g -O0 -fstack-protector-strong -U_FORTIFY_SOURCE -o prog checks.c && { (./prog); (./prog d); (./prog s); } 2>&1 | cat
