# needs: esbuild
esbuild src/index.ts --bundle --log-level=warning --outfile=out.js
