# needs: black
black --check app.py bad.py clean.py
