# needs: Rscript
Rscript ok.R
