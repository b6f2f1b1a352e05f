# needs: gcc
LC_ALL=ja_JP.UTF-8 gcc -fdiagnostics-color=never -o app main.c
