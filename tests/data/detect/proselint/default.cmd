# needs: proselint
proselint notes.md
