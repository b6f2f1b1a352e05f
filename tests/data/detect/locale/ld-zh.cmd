# needs: gcc
# ld's "cannot find -lx" in Chinese (zh_CN's catalogs through LANGUAGE), before any line with a word for error: the line itself tells the language
LC_ALL=fr_FR.UTF-8 LANGUAGE=zh_CN gcc -fdiagnostics-color=never -o app main.c -lnosuchlib
