# needs: mypy
mypy --no-incremental bad.py
