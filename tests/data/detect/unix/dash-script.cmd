# needs: dash
dash deploy.sh
dash missing.sh
dash run.sh
