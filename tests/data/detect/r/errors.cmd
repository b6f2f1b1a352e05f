# needs: Rscript
for f in a b c d e; do Rscript $f.R; done; Rscript -e 'source("c.R")'
