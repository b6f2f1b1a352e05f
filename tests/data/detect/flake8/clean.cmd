# needs: flake8
flake8 -v clean.py
