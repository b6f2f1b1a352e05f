# needs: esbuild
esbuild src/app.ts --bundle --outfile=out.js
