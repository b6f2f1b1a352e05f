#!/usr/bin/env python3
"""Write an analyzed error record (heal-records(5)) for the heal-fix tests.

Usage: mkrec.py [OPTION]...   (paths are relative to the current directory)
  --id HEX               error id (default 0123456789abcdef)
  --cand ID CONF RISK    start a candidate (default one: c.1 0.9 low)
  --replace FILE OLD NEW an edit replacing the first OLD in FILE
  --edit FILE START END TEXT
  --sha FILE HEX         use HEX as the pre-image digest of FILE's edits
  --chmod FILE MODE
  --mkdir DIR
  --cmd ARG... --         a command (argv)
  --set KEY JSON         set a top-level field of the record
Digests are computed from the files as they are now.
"""
import hashlib, json, os, sys

def sha(path):
    try:
        with open(path, 'rb') as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return hashlib.sha256(b'').hexdigest()

rec = {"v": 1, "kind": "error", "id": "0123456789abcdef", "tool": "gcc",
       "message": "test error", "file": None, "fixes": []}
cands = []
overrides = {}
cur = None
a = sys.argv[1:]
i = 0
def cand():
    global cur
    if cur is None:
        cur = {"id": "c.1", "description": "test", "confidence": 0.9,
               "risk": "low", "source": "rule", "rule": "test.rule"}
        cands.append(cur)
    return cur
while i < len(a):
    o = a[i]
    if o == '--id':
        rec['id'] = a[i + 1]; i += 2
    elif o == '--cand':
        cur = {"id": a[i + 1], "description": "test", "confidence": float(a[i + 2]),
               "risk": a[i + 3], "source": "rule", "rule": "test.rule"}
        cands.append(cur); i += 4
    elif o == '--replace':
        f, old, new = a[i + 1], a[i + 2], a[i + 3]
        data = open(f, 'rb').read()
        k = data.index(old.encode())
        cand().setdefault('edits', []).append(
            {"file": f, "start": k, "end": k + len(old.encode()), "text": new, "sha256": sha(f)})
        i += 4
    elif o == '--edit':
        f = a[i + 1]
        cand().setdefault('edits', []).append(
            {"file": f, "start": int(a[i + 2]), "end": int(a[i + 3]), "text": a[i + 4],
             "sha256": sha(f)})
        i += 5
    elif o == '--sha':
        overrides[a[i + 1]] = a[i + 2]; i += 3
    elif o == '--chmod':
        cand().setdefault('chmod', []).append({"file": a[i + 1], "mode": a[i + 2], "sha256": sha(a[i + 1])})
        i += 3
    elif o == '--mkdir':
        cand().setdefault('mkdir', []).append(a[i + 1]); i += 2
    elif o == '--cmd':
        j = a.index('--', i + 1)
        cand()['command'] = a[i + 1:j]; i = j + 1
    elif o == '--set':
        rec[a[i + 1]] = json.loads(a[i + 2]); i += 3
    else:
        sys.exit('mkrec.py: unknown option ' + o)
for c in cands:
    for e in c.get('edits', []) + c.get('chmod', []):
        if e['file'] in overrides:
            e['sha256'] = overrides[e['file']]
rec['fixes'] = cands
if cands and cands[0].get('edits'):
    rec['file'] = cands[0]['edits'][0]['file']
print(json.dumps(rec, ensure_ascii=False, separators=(',', ':')))
