# needs: flake8
flake8 bad.py ok.py
