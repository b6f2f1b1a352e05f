# needs: autoconf pkg-config cc /usr/share/aclocal/pkg.m4
autoconf && ./configure
