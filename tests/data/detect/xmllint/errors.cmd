# needs: xmllint
xmllint --noout feed.xml; xmllint --noout --valid note.xml; xmllint --noout --schema order.xsd order.xml; xmllint --noout ok.xml
