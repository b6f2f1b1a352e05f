# needs: bandit
bandit -q app.py
