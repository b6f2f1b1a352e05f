# needs: bash
LC_ALL=fr_FR.UTF-8 bash deploy.sh
