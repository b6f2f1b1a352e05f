# needs: msgfmt
msgfmt -o /dev/null fr.po
