# needs: pylint
pylint --persistent=n --score=y app.py
