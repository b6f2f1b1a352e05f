# needs: isort
isort --check-only app.py b.py clean.py
