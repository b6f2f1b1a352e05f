# needs: pydocstyle
pydocstyle app.py b.py
