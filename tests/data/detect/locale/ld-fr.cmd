# needs: gcc
LC_ALL=fr_FR.UTF-8 gcc -fdiagnostics-color=never -o app main.c
