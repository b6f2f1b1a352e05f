# needs: isort
isort --check-only clean.py
