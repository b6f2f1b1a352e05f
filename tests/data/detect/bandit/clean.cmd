# needs: bandit
bandit ok.py
