# needs: grep
grep -n -e int -e error -e return buf.c Makefile; grep -rn malloc .
