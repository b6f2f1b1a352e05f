# needs: tsc
tsc -p . --pretty
