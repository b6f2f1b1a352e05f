# needs: wget
LC_ALL=C wget http://127.0.0.1:9/pkg.tar.gz
