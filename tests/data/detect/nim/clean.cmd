# needs: nim
nim c --nimcache:nimcache hello.nim
