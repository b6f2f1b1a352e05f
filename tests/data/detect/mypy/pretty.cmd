# needs: mypy
mypy --no-incremental --pretty typed.py
