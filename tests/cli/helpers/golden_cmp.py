#!/usr/bin/env python3
"""Compare heal-detect's records with golden cases (tests/cli/helpers/golden.bash).

golden_cmp.py --pair WANT RECORDS [FIELD...]: whether RECORDS are WANT's
(only the FIELDs given), "@ROOT@" standing for $GOLDEN_ROOT; says what
differs and exits 1 when something does.

Otherwise reads lines "CASE<TAB>RECORDS<TAB>ROOT[<TAB>OUTPUT]" on stdin: CASE is a
case's path without extension (CASE.want, CASE.gap), RECORDS the records
heal-detect gave, ROOT what "@ROOT@" stands for, OUTPUT the tool's output
(shown when the case fails).  Prints what is wrong with each case that
fails and exits 1 when one does; one process for every case of a suite.
"""
import json
import os
import sys

ALL = ("tool", "file", "line", "column", "severity", "message", "code")
DATA = os.environ.get("GOLDEN_DATA", "")


def diff(want, got, fields):
    bad = []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w is None:
            bad.append("extra record %d: %s" % (i, json.dumps({k: g.get(k) for k in fields}, ensure_ascii=False)))
            continue
        if g is None:
            bad.append("missing record %d: %s" % (i, json.dumps(w, ensure_ascii=False)))
            continue
        for k in fields:
            if k in w and g.get(k) != w[k]:
                bad.append("record %d: %s: got %r, want %r" % (i, k, g.get(k), w[k]))
        for k, v in w.items():
            if k.endswith("~") and v not in str(g.get(k[:-1])):
                bad.append("record %d: %s: %r does not contain %r" % (i, k[:-1], g.get(k[:-1]), v))
    return bad


def check(case, records, root):
    """A list of lines saying what is wrong, empty when the case passes."""
    want = [json.loads(l.replace("@ROOT@", root))
            for l in open(case + ".want", encoding="utf-8") if l.strip()]
    got = [json.loads(l) for l in open(records, encoding="utf-8", errors="replace") if l.strip()]
    name = os.path.relpath(case, DATA) if DATA else case
    if os.path.exists(case + ".unordered"):
        # the tool prints its files in the order its workers finish them
        def key(r):
            return (str(r.get("file")), r.get("line") or 0, r.get("column") or 0, str(r.get("message")))
        want.sort(key=key)
        got.sort(key=key)
    if not os.path.exists(case + ".gap"):
        bad = diff(want, got, ALL)
        return [name + ":"] + bad if bad else []
    first = open(case + ".gap", encoding="utf-8").readline()
    gap = first[len("fields: "):].split() if first.startswith("fields: ") else []
    if gap:
        rest = tuple(f for f in ALL if f not in gap)
        bad = diff(want, got, rest)
        if bad:
            return ["%s (outside its gap: %s):" % (name, " ".join(gap))] + bad
        if diff(want, got, tuple(gap)):
            return []
    elif diff(want, got, ALL):
        return []
    return ["%s: the gap is closed (heal-detect gives %s.want): delete %s.gap" % (name, case, case)]


def pair(argv):
    root = os.environ.get("GOLDEN_ROOT", "@ROOT@")
    want = [json.loads(l.replace("@ROOT@", root)) for l in open(argv[0], encoding="utf-8") if l.strip()]
    got = [json.loads(l) for l in open(argv[1], encoding="utf-8", errors="replace") if l.strip()]
    bad = diff(want, got, tuple(argv[2:]) or ALL)
    if bad:
        print("\n".join(bad))
    sys.exit(1 if bad else 0)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--pair":
        pair(sys.argv[2:])
    failed = 0
    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        bad = check(parts[0], parts[1], parts[2])
        if not bad:
            continue
        failed += 1
        print("\n".join(bad))
        if len(parts) > 3 and os.path.exists(parts[3]):
            print("--- its output:")
            with open(parts[3], encoding="utf-8", errors="replace") as f:
                for i, l in enumerate(f):
                    if i == 40:
                        break
                    sys.stdout.write(l)
    sys.exit(1 if failed else 0)


main()
