# needs: black
black --check clean.py
