# needs: chktex
chktex -q paper.tex
