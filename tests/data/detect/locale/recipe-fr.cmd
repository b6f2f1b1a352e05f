# needs: make
LC_ALL=fr_FR.UTF-8 make
