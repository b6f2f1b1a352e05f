# needs: esbuild
esbuild src/ok.ts --bundle --outfile=out.js
