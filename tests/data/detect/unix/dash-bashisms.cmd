# needs: dash
dash subst.sh
dash local.sh
dash number.sh
