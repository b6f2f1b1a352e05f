# needs: pycodestyle
pycodestyle --show-source --show-pep8 --max-line-length=100 app.py
