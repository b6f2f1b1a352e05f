# needs: troff
troff -ww -Tutf8 demo.1 >/dev/null
