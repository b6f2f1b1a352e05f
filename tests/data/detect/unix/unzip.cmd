# needs: unzip
LC_ALL=C unzip release.zip
