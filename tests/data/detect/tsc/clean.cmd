# needs: tsc
tsc --noEmit --strict ok.ts
