# needs: bash
LC_ALL=de_DE.UTF-8 bash deploy.sh
