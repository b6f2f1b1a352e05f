# needs: python3
python3 jobs.py
