# needs: make
LC_ALL=ja_JP.UTF-8 make
