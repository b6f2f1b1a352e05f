# needs: nim
nim c --hints:off --nimcache:nimcache bad.nim; nim c --hints:off --nimcache:nimcache app.nim
