# needs: pydocstyle
pydocstyle clean.py
