# needs: tar gzip cp ls
export LC_ALL=C
mkdir -p out && cp README out/ && tar czvf out.tgz out && ls out && cat README
