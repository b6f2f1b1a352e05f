# needs: eslint
eslint .
