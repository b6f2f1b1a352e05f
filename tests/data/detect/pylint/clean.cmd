# needs: pylint
pylint --persistent=n clean.py
