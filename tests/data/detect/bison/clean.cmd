# needs: bison
bison -Wall -o parse.c parse.y
