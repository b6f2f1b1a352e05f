#!/usr/bin/env bats
# heal end to end on the mistakes beginners make in Python, JavaScript and
# bash scripts, each in a small program of our own: the program must run
# after heal with default settings (the suites' HEAL_SEARCH=0 aside), and
# the line must read as its author meant it.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

# heals LANG FILE: heal --yes --no-wait -- LANG FILE succeeds
heals() {
	run --separate-stderr heal --yes --no-wait -- "$@" </dev/null
	echo "$stderr"
	assert_success
}

@test "Python: a string left open is closed before the line's closing brackets and colon" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'x = "abc\nprint(x)\n' >a.py
	heals python3 a.py
	grep -qx 'x = "abc"' a.py
	printf 'n = "bob"\nif n == "bob:\n    print(len("ab))\n' >b.py
	heals python3 b.py
	grep -qx 'if n == "bob":' b.py
	grep -qx '    print(len("ab"))' b.py
}

@test "Python: int() of a decimal string reads it through float(); a stray closer is deleted, not given an opener" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'n = int("3.5")\nprint(n + 1)\n' >c.py
	heals python3 c.py
	grep -qx 'n = int(float("3.5"))' c.py
	printf 'print("a"))\n' >d.py
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- python3 d.py </dev/null
	echo "$stderr"
	assert_success
	grep -qx 'print("a")' d.py
}

@test "node: a property called, a misspelled function of the file, a name declared twice, a class without new, a string left open" {
	command -v node >/dev/null || skip "node is not installed"
	printf 'const xs = [1, 2];\nconsole.log(xs.length());\n' >a.js
	heals node a.js
	grep -qx 'console.log(xs.length);' a.js
	printf 'function add(a, b) {\n  return a + b;\n}\nconsole.log(ad(1, 2));\n' >b.js
	heals node b.js
	grep -qx 'console.log(add(1, 2));' b.js
	printf 'let x = 1;\nlet x = 2;\nconsole.log(x);\n' >c.js
	heals node c.js
	grep -qx 'x = 2;' c.js
	printf 'class A {\n  constructor() { this.v = 1; }\n}\nconst a = A();\nconsole.log(a.v);\n' >d.js
	heals node d.js
	grep -qx 'const a = new A();' d.js
	printf 'const s = "abc;\nconsole.log(s);\n' >e.js
	heals node e.js
	grep -qx 'const s = "abc";' e.js
}

@test "node: a misspelled method is never renamed to a property, nor to a misspelling the file holds" {
	command -v node >/dev/null || skip "node is not installed"
	printf 'const xs = [1];\nconsole.log(xs.lenght);\nconsole.log(xs.length());\n' >f.js
	heals node f.js
	grep -qx 'console.log(xs.length);' f.js
	grep -qx 'console.log(xs.lenght);' f.js
}

@test "bash: 'else if' for elif, an array subscript without its ']', the script's own misspelled function over a command as close" {
	printf '#!/bin/bash\nset -e\nx=5\nif [ "$x" -gt 3 ]; then\n  echo big\nelse if [ "$x" -gt 1 ]; then\n  echo mid\nfi\n' >a.sh
	heals bash a.sh
	grep -qx 'elif \[ "$x" -gt 1 \]; then' a.sh
	printf '#!/bin/bash\narr=(a b c)\necho "${arr[1}"\n' >b.sh
	heals bash b.sh
	grep -qx 'echo "${arr\[1\]}"' b.sh
	# gret is one edit from grep too: the script's function wins
	printf '#!/bin/bash\nset -e\ngreet() {\n  echo "hi $1"\n}\ngret bob\n' >c.sh
	heals bash c.sh
	grep -qx 'greet bob' c.sh
}

@test "Python: a method without self, with or without other parameters; a nested function called with one too many is left alone" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'class A:\n    def f():\n        return 1\nprint(A().f())\n' >m.py
	heals python3 m.py
	grep -qx '    def f(self):' m.py
	printf 'class Acct:\n    def __init__(self):\n        self.b = 0\n    def deposit(amount):\n        self.b += amount\na = Acct()\na.deposit(5)\nprint(a.b)\n' >n.py
	heals python3 n.py
	grep -qx '    def deposit(self, amount):' n.py
	printf 'def outer():\n    def helper(x):\n        return x\n    return helper(1, 2)\nprint(outer())\n' >o.py
	cp o.py o.orig
	run --separate-stderr heal --yes --no-wait -- python3 o.py </dev/null
	assert_failure
	cmp o.py o.orig
}

@test "Python: a dict's loop unpacking key and value takes items(); a list's in-place sort assigned back is the call alone" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'd = {"a": 1}\nfor k, v in d:\n    print(k, v)\n' >p.py
	heals python3 p.py
	grep -qx 'for k, v in d.items():' p.py
	printf 'xs = [3, 1]\nxs = xs.sort()\nprint(xs[0])\n' >q.py
	heals python3 q.py
	grep -qx 'xs.sort()' q.py
}

@test "node: a misspelled property called is read without the call; the ';' after an if's block that cuts off its else goes (the search)" {
	command -v node >/dev/null || skip "node is not installed"
	printf 'let s = "ab";\nconsole.log(s.lenght());\n' >g.js
	heals node g.js
	grep -qx 'console.log(s.length);' g.js
	printf 'let x = 2;\nif (x > 1) {\n  console.log("a");\n};\nelse {\n  console.log("b");\n}\n' >h.js
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- node h.js </dev/null
	echo "$stderr"
	assert_success
	assert_equal "$(sed -n 4p h.js)" '}'
}

@test "C: a library's function the command does not link is named with the flag to add; a call is never cut from its name to compile ('add,(1)')" {
	command -v gcc >/dev/null || skip "gcc is not installed"
	printf '#include <stdio.h>\n#include <math.h>\nint main(void) {\n    double f = 2.5;\n    printf("%%f\\n", sqrt(f));\n    return 0;\n}\n' >m.c
	# the constant is not folded: the call stays
	sed -i 's/sqrt(f)/sqrt(f + (double)getchar())/' m.c
	run --separate-stderr heal --yes --no-wait -- gcc -o prog m.c </dev/null
	echo "$stderr"
	assert_failure
	[[ "$stderr" == *"add -lm at the end of the command"* ]]
	printf '#include <stdio.h>\nint add(int a, int b) { return a + b; }\nint main(void) {\n    printf("%%d\\n", add(1));\n    return 0;\n}\n' >n.c
	cp n.c n.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- gcc -Wall -o prog n.c </dev/null
	echo "$stderr"
	assert_failure
	cmp n.c n.orig
}

@test "another language's method name: Python's list.push and str.toUpperCase, node's append and upper, each Python's or JavaScript's own" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'stack = []\nfor ch in "ab":\n    stack.push(ch)\nprint("-".join(stack).toUpperCase())\n' >m.py
	heals python3 m.py
	grep -qx '    stack.append(ch)' m.py
	grep -qx 'print("-".join(stack).upper())' m.py
	command -v node >/dev/null || skip "node is not installed"
	printf 'const xs = [];\nxs.append(3);\nconsole.log(String(xs).strip());\n' >m.js
	heals node m.js
	grep -qx 'xs.push(3);' m.js
	grep -qx 'console.log(String(xs).trim());' m.js
}

@test "Python: range() of a float from '/' is given int()" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'xs = [1, 2, 3, 4]\nhalf = len(xs) / 2\nfor i in range(half):\n    print(xs[i])\n' >h.py
	heals python3 h.py
	grep -qx 'for i in range(int(half)):' h.py
}

@test "node: a block never closed is closed where its indentation ends; a const assigned again is let; '=' in a condition is '==='" {
	command -v node >/dev/null || skip "node is not installed"
	printf 'function f(xs) {\n  let n = 0;\n  for (const x of xs) {\n    if (x > 1) {\n      n += x;\n  }\n  return n;\n}\nconsole.log(f([1, 2, 3]));\n' >b.js
	heals node b.js
	assert_equal "$(sed -n 6,7p b.js)" "$(printf '    }\n  }')"
	printf 'const total = 0;\nfor (const x of [1, 2]) {\n  total += x;\n}\nconsole.log(total);\n' >c.js
	heals node c.js
	grep -qx 'let total = 0;' c.js
	grep -qx 'for (const x of \[1, 2\]) {' c.js
	printf 'const a = 1, b = 2;\nif (a + b = 3) {\n  console.log("three");\n}\n' >d.js
	heals node d.js
	grep -qx 'if (a + b === 3) {' d.js
}

@test "bash: '\$(dir)' for the variable the script assigns is '\${dir}'; a command of that name stays" {
	# an assignment's failed substitution ends a script under set -e
	printf '#!/bin/bash\nset -e\nbase=/tmp\ndest=$(base)/x\necho "$dest"\n' >v.sh
	heals bash v.sh
	grep -qx 'dest=${base}/x' v.sh
	# no variable of the name: no such fix
	printf '#!/bin/bash\nset -e\ndest=$(basedir)/x\necho "$dest"\n' >w.sh
	cp w.sh w.orig
	run --separate-stderr heal --yes --no-wait -- bash w.sh </dev/null
	cmp w.sh w.orig
}

# A bash syntax error names where bash stopped; ShellCheck, consulted on
# the script, names the cause at its place, and heal fixes that.
@test "bash, ShellCheck consulted: 'else if' for elif, ']' then without ';', for ( ) for (( )), a case item without ';;'" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'for t in 10 20 30; do\n    if [ $t -lt 15 ]; then\n        echo cold\n    else if [ $t -lt 25 ]; then\n        echo mild\n    else\n        echo hot\n    fi\ndone\n' >a.sh
	heals bash a.sh
	grep -qx '    elif \[ $t -lt 25 \]; then' a.sh
	[ "$(grep -c 'fi$' a.sh)" -eq 1 ]
	printf 'n=3\nif [ $n -gt 2 ] then\n    echo big\nelse\n    echo small\nfi\n' >b.sh
	heals bash b.sh
	grep -qx 'if \[ $n -gt 2 \]; then' b.sh
	printf 'for (i=1; i<=3; i++); do\n    echo $i\ndone\n' >c.sh
	heals bash c.sh
	grep -qx 'for ((i=1; i<=3; i++)); do' c.sh
	printf 'for f in apple kiwi; do\n    case "$f" in\n        apple)\n            echo red\n            ;;\n        kiwi)\n            echo green\n        plum)\n            echo purple\n            ;;\n    esac\ndone\n' >d.sh
	heals bash d.sh
	[ "$(sed -n 8p d.sh)" = '            ;;' ]
}

@test "bash, ShellCheck consulted: a test without blanks, 'if[', 'If', '&;', '{echo', 'y= 5'" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'done_count=3\n[$done_count -ge 3] && echo enough\n' >a.sh
	heals bash a.sh
	grep -qx '\[ $done_count -ge 3 \] && echo enough' a.sh
	printf 'x=1\nif[ -n "$x" ]; then echo a; fi\n' >b.sh
	heals bash b.sh
	grep -qx 'if \[ -n "$x" \]; then echo a; fi' b.sh
	printf 'If [ 1 -eq 1 ]; then echo b; fi\n' >c.sh
	heals bash c.sh
	grep -qx 'if \[ 1 -eq 1 \]; then echo b; fi' c.sh
	printf 'true &; echo c\n{echo d; }\n' >d.sh
	heals bash d.sh
	grep -qx 'true & echo c' d.sh
	grep -qx '{ echo d; }' d.sh
}

@test "bash, ShellCheck consulted: a missing done is closed once; a script heal runs through shellcheck itself is not consulted twice" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'total=0\nfor n in 1 2 3; do\n    total=$((total + n))\necho "total: $total"\n' >a.sh
	heals bash a.sh
	[ "$(grep -c '^done$' a.sh)" -eq 1 ]
	printf 'n=3\nif [ $n -gt 2 ] then\n    echo big\nfi\n' >b.sh
	run --separate-stderr heal --verbose --yes --no-wait -- shellcheck b.sh </dev/null
	echo "$stderr"
	[[ "$stderr" != *"consulted on"* ]]
	cp b.sh orig.sh
	printf 'n=3\nif [ $n -gt 2 ] then\n    echo big\nfi\n' >c.sh
	run --separate-stderr heal --verbose --yes --no-wait -- bash c.sh </dev/null
	[[ "$stderr" == *"consulted on c.sh: c.sh:2:17: error: Use semicolon"* ]]
}

@test "a list joined to one item with + (Python); [key, value] of a plain object, a let used above its line (node); return of a word (bash)" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'packing = ["socks", "hat"]\npacking = packing + "raincoat"\nprint(len(packing))\n' >a.py
	heals python3 a.py
	grep -qx 'packing = packing + \["raincoat"\]' a.py
	printf 'parity() {\n    if [ $(( $1 %% 2 )) -eq 0 ]; then\n        return "even"\n    else\n        return "odd"\n    fi\n}\necho "4 is $(parity 4)"\nparity 3\n' >r.sh
	heals bash r.sh
	grep -qx '        echo "even"' r.sh
	grep -qx '        echo "odd"' r.sh
	command -v node >/dev/null || skip "node is not installed"
	printf 'const prices = {apple: 1, kiwi: 2};\nfor (const [item, price] of prices) {\n  console.log(item, price);\n}\n' >a.js
	heals node a.js
	grep -qx 'for (const \[item, price\] of Object.entries(prices)) {' a.js
	printf 'function f() {\n  console.log("step " + step);\n  let step = 10;\n  return step;\n}\nf();\n' >b.js
	heals node b.js
	[ "$(sed -n 2p b.js)" = '  let step = 10;' ]
	[ "$(sed -n 3p b.js)" = '  console.log("step " + step);' ]
}

@test "bash, ShellCheck consulted: '![', '[[ ]', 'do#', ']: then', an if without then, an empty then, 'for( ( ) )', =~ in [ ]" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'd=/nonexistent\n![ -d "$d" ] && echo missing\n' >a.sh
	heals bash a.sh
	grep -qx '! \[ -d "$d" \] && echo missing' a.sh
	printf 'h=9\n[[ $h -lt 5 ]] && echo early\nif [[ $h -lt 12 ]; then\n    echo morning\nfi\n' >b.sh
	heals bash b.sh
	grep -qx 'if \[\[ $h -lt 12 \]\]; then' b.sh
	printf 'for s in 1 2; do# each\n    echo $s\ndone\n' >c.sh
	heals bash c.sh
	grep -qx 'for s in 1 2; do # each' c.sh
	printf 'm=x\nif [ -n "$m" ]: then\n    echo set\nfi\n' >d.sh
	heals bash d.sh
	grep -qx 'if \[ -n "$m" \]; then' d.sh
	printf 's=80\nif [ "$s" -ge 90 ]\n    echo A\nelif [ "$s" -ge 75 ]; then\n    echo B\nfi\n' >e.sh
	heals bash e.sh
	grep -qx 'if \[ "$s" -ge 90 \]; then' e.sh
	printf 'if [ -d / ]; then\n    # nothing to do\nelse\n    echo odd\nfi\n' >f.sh
	heals bash f.sh
	grep -qx '    : # nothing to do' f.sh
	printf 'for( (i=2; i>0; i--) ); do echo "$i"; done\n' >g.sh
	heals bash g.sh
	grep -qx 'for((i=2; i>0; i--)); do echo "$i"; done' g.sh
	printf 'tag=v1.2\nif [ "$tag" =~ ^v[0-9]+ ]; then\n    echo ok\nelse\n    exit 1\nfi\n' >h.sh
	heals bash h.sh
	grep -qx 'if \[\[ "$tag" =~ ^v\[0-9\]+ \]\]; then' h.sh
}

@test "bash, ShellCheck consulted on the line the run failed on: 'local' outside a function; its lint there (SC2164's cd || exit) is not" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'set -e\nlocal count=3\necho "$count"\n' >a.sh
	heals bash a.sh
	grep -qx 'count=3' a.sh || grep -qx 'declare count=3' a.sh
	printf 'dir=/tmp\ncd $dir/nonexistent-heal-dir\n' >b.sh
	run --separate-stderr heal --verbose --yes --no-wait -- bash b.sh </dev/null
	[[ "$stderr" != *"consulted on"* ]]
}

@test "bash, ShellCheck's catalog consulted: \$x=, a unicode dash and quotes, if!, elseif, a line starting with |, then;, { cmd }, <<(, n=((..)), -le in (( )), name{" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf '$x=5\n' >a.sh
	heals bash a.sh
	grep -qx 'x=5' a.sh
	printf '[ 1 \342\200\223gt 0 ]\n' >b.sh
	heals bash b.sh
	grep -qx '\[ 1 -gt 0 \]' b.sh
	printf 'x=\342\200\234abc\342\200\235\n[ "$x" = abc ] || exit 1\n' >c.sh
	heals bash c.sh
	grep -qx 'x="abc"' c.sh
	printf 'if! false; then echo b; fi\nif false; then echo a; elseif true; then echo b; fi\n' >d.sh
	heals bash d.sh
	grep -qx 'if ! false; then echo b; fi' d.sh
	grep -qx 'if false; then echo a; elif true; then echo b; fi' d.sh
	printf 'echo a\n| grep a\n' >e.sh
	heals bash e.sh
	grep -qx 'echo a |' e.sh
	printf 'if true; then; echo a; fi\n{ echo b }\n' >f.sh
	heals bash f.sh
	grep -qx 'if true; then echo a; fi' f.sh
	grep -qx '{ echo b; }' f.sh || grep -qx '{ echo b ; }' f.sh
	printf 'while read -r l; do echo "$l"; done <<(echo x)\nn=((1 + 2))\n(( 1 -le 2 )) && echo "$n"\n' >g.sh
	heals bash g.sh
	grep -qx 'while read -r l; do echo "$l"; done < <(echo x)' g.sh
	grep -qx 'n=$((1 + 2))' g.sh
	grep -qx '(( 1 <= 2 )) && echo "$n"' g.sh
	printf 'function greet{\n    echo hi\n}\ngreet\n' >h.sh
	heals bash h.sh
	grep -qx 'function greet {' h.sh
}

@test "bash: three mistakes on three lines, each reached once the one before is fixed (a shell stops at a syntax error; the lines after never ran)" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf 'while read -r l; do echo "$l"; done <<(echo x)\nn=((1 + 2))\n(( 1 -le 2 )) && echo "$n"\n' >a.sh
	heals bash a.sh
	[ "$(cat a.sh)" = "$(printf 'while read -r l; do echo "$l"; done < <(echo x)\nn=$((1 + 2))\n(( 1 <= 2 )) && echo "$n"')" ]
}

@test "Python: leading zeros, a generator beside other arguments, '/' for an index or a range, join of numbers, an f-string field left open" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'month = 09\ncode = "007"\nprint(month, code)\n' >a.py
	heals python3 a.py
	grep -qx 'month = 9' a.py
	grep -qx 'code = "007"' a.py
	printf 'words = ["kiwi", "banana", "fig"]\nprint(sorted(w for w in words if len(w) > 3, key=len))\n' >b.py
	heals python3 b.py
	grep -qx 'print(sorted((w for w in words if len(w) > 3), key=len))' b.py
	printf 'xs = [3, 1, 2]\nhalf = len(xs) / 2\nprint(xs[half])\nfor i in range(len(xs) / 2):\n    print(i)\n' >c.py
	heals python3 c.py
	grep -qx 'half = len(xs) // 2' c.py
	grep -qx 'for i in range(len(xs) // 2):' c.py
	printf 'nums = [1, 2, 3]\nprint(", ".join(nums))\n' >d.py
	heals python3 d.py
	grep -qx 'print(", ".join(map(str, nums)))' d.py
	printf 'price = 2.5\nprint(f"cost: {price:.2f")\n' >e.py
	heals python3 e.py
	grep -qx 'print(f"cost: {price:.2f}")' e.py
}
