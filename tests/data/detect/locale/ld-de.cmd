# needs: gcc
LC_ALL=de_DE.UTF-8 gcc -fdiagnostics-color=never -o app main.c
