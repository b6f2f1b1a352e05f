# needs: mawk
mawk -f count.awk </dev/null
