#!/usr/bin/env bats
# heal-detect on every golden case (tests/data/detect/) pasted as a
# Markdown quote: the records it gives plain, but for the known gaps.  Its
# own suite, in the slow list (tests/meson.build): it starts heal-detect
# twice a case, some 1,200 runs, and the quote's paths it drives run under
# ASan in 181-detect-wrappers.

load 'helpers/detect'

@test "every golden case quoted as a Markdown paste ('> ' before each line) gives the records it gives plain, but for the known gaps" {
	# known gaps: file-stack groups whose quoted rows read as a group's
	# head (eslint stylish, stylelint, yamllint, remark-lint), a start
	# line tried again after another matcher's steps failed, which is
	# tried as it came, with its quote (prisma's 'error: x' under rustc's
	# matcher), lines
	# matched through a translation, and a few one-off layouts (a quoted
	# config.log's 'configure:N: error:' is taken as a compiler's line, its
	# quote in the file's name, before the configure matchers see it;
	# gradle's block pasted from its own "* Where:", whose "* " the
	# record's wrapper takes with the quote's "> " as a bullet)
	run $PY - "$BATS_TEST_DIRNAME/../data/detect" <<'PYEOF'
import glob, json, os, subprocess, sys, tempfile
known = {"autotools/config-log", "eslint/stylish", "gradle/cut", "remark-lint/alex", "prisma/validate", "generic/fpc", "git/push", "git/remote", "perl/compile",
         "perl/runtime", "remark-lint/default", "stylelint/string", "stylelint/syntax",
         "webpack/lone", "yamllint/standard",
         "locale/make-de", "locale/make-fr", "locale/make-ja", "locale/ld-zh", "locale/ld-zh-old",
         "locale/recipe-de", "locale/recipe-fr", "locale/recipe-ja"}
def recs(text, root):
    p = subprocess.run(["heal-detect", "--root", root], input=text.encode(),
                       capture_output=True, cwd=root)
    return [(r["tool"], r.get("file"), r.get("line"), r.get("message"), r.get("code"))
            for r in map(json.loads, p.stdout.decode("utf-8", "replace").splitlines())]
n, bad = 0, []
for log in sorted(glob.glob(os.path.join(sys.argv[1], "*", "*.log"))):
    case = os.path.relpath(log, sys.argv[1])[:-4]
    with tempfile.TemporaryDirectory() as root:
        text = open(log, encoding="utf-8", errors="replace").read().replace("@ROOT@", root)
        want = recs(text, root)
        if not want:
            continue
        n += 1
        got = recs("".join("> " + l + "\n" for l in text.splitlines()), root)
        if got != want and case not in known:
            bad.append((case, want, got))
assert n > 200, n
assert not bad, bad
print(n)
PYEOF
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}
