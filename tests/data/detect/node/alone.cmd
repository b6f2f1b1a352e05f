# needs: node
for w in props ref json call; do node page.js "$w" 2>&1 | grep -E '^[A-Za-z]*Error: '; done
