# needs: pyflakes3
pyflakes3 app.py
