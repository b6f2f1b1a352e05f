# needs: curl
# ports nothing listens on, a file that is not there: no network needed
curl -fsS http://127.0.0.1:9/pkg.tar.gz -o pkg.tar.gz
curl -fsS file://$PWD/missing.tar.gz -o pkg.tar.gz
