# needs: mypy
mypy --no-incremental --show-column-numbers --show-error-codes typed.py
