# needs: flake8
flake8 .
