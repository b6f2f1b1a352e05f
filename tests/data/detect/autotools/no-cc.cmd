# needs: autoconf
autoconf && CC=/nonexistent/cc ./configure
