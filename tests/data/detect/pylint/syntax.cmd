# needs: pylint
pylint --persistent=n bad.py
