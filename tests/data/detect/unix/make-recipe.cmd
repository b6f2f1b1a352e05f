# needs: make touch cp mkdir
LC_ALL=C make
