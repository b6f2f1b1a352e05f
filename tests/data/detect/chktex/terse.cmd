# needs: chktex
chktex -q -v0 paper.tex
