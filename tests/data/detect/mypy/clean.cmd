# needs: mypy
mypy --no-incremental --strict clean.py
