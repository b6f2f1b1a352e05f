# needs: pycodestyle
pycodestyle --statistics clean.py
