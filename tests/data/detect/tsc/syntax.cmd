# needs: tsc
tsc --noEmit syntax.ts
