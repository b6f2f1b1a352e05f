# needs: eslint
eslint -f visualstudio .
