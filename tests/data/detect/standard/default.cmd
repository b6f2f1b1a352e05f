# needs: standard
standard
