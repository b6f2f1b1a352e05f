# needs: tar gzip
LC_ALL=C tar xzf missing.tgz
LC_ALL=C tar czf out.tgz no-such-dir
