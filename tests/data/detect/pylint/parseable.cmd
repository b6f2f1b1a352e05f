# needs: pylint
pylint --persistent=n --output-format=parseable --disable=C app.py pkg
