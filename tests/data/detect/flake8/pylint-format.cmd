# needs: flake8
flake8 --format=pylint app.py
