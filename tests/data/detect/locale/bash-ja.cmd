# needs: bash
LC_ALL=ja_JP.UTF-8 bash deploy.sh
