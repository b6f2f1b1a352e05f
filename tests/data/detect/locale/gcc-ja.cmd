# needs: gcc
LC_ALL=ja_JP.UTF-8 gcc -fdiagnostics-color=never -Wall -c main.c
