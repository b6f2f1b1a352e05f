# needs: xmllint
xmllint --noout config.xml
