# needs: eslint
eslint -f compact .
