# needs: tsc
tsc -p .
