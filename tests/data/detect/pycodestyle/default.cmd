# needs: pycodestyle
pycodestyle app.py
