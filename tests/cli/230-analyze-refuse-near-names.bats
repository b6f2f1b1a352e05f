#!/usr/bin/env bats
# Near names that are not the answer: each input once made
# a rule apply a change that built or ran but touched text it should not
# (another target's file, another directory's file, a longer name), or that
# changed what the program means.  Each is run through the real heal driver
# and compared with the correct minimal fix or with the untouched original.

load analyze-helpers

# healed_as WANT CMD...: heal succeeds on CMD and the file named by WANT's
# name without .want is WANT byte for byte
healed_as() {
	local want=$1
	shift
	heals_to "$want" "${want%.want}" "$@"
}

make_sources() {
	mkdir -p tests
	printf 'int util(void) { return 1; }\n' >util.c
	printf 'int util(void);\nint main(void) { return util() - 1; }\n' >main.c
	printf 'int main(void) { return 0; }\n' >tests/utils.c
}

@test "refused near names: a misspelled prerequisite is renamed, the same name under tests/ is not" {
	make_sources
	printf 'app: main.c utils.c\n\tcc -o app main.c utils.c\n\ncheck: tests/utils.c\n\tcc -o check tests/utils.c\n' >Makefile
	printf 'app: main.c util.c\n\tcc -o app main.c util.c\n\ncheck: tests/utils.c\n\tcc -o check tests/utils.c\n' >Makefile.want
	healed_as Makefile.want make
}

@test "refused near names: a misspelled source in a recipe is renamed, the same name under tests/ is not" {
	make_sources
	printf 'app: main.c\n\tcc -o app main.c utils.c\n\ncheck:\n\tcc -o check tests/utils.c\n' >Makefile
	printf 'app: main.c\n\tcc -o app main.c util.c\n\ncheck:\n\tcc -o check tests/utils.c\n' >Makefile.want
	healed_as Makefile.want make
}

@test "refused near names: a misspelled object is renamed, a longer object name that ends in it is not" {
	make_sources
	printf 'int x;\n' >libutil.c
	printf 'OBJS = main.o utils.o\napp: $(OBJS)\n\tcc -o app $(OBJS)\nlib: libutils.o\n\tar rc libu.a libutils.o\n' >Makefile
	printf 'OBJS = main.o util.o\napp: $(OBJS)\n\tcc -o app $(OBJS)\nlib: libutils.o\n\tar rc libu.a libutils.o\n' >Makefile.want
	healed_as Makefile.want make
}

@test "refused near names: an unqualified 'string' is not made std::string when a project header defines a type of that name (one that does not still does)" {
	command -v g++ >/dev/null || skip "no g++"
	printf 'struct string { char buf[32]; unsigned size() const { return 3; } };\n' >mystr.h
	printf '#include <iostream>\nstruct record {\n    string name;\n};\nint main() { record r; std::cout << r.name.size() << "\\n"; return 0; }\n' >main.cpp
	left_alone main.cpp g++ -Wall -o app main.cpp
	printf 'namespace text {\nclass string;\n}\nusing string = int;\n' >mystr.h
	left_alone main.cpp g++ -Wall -o app main.cpp
	# a header that only uses std::string does not stop the fix
	rm mystr.h
	printf '#include <string>\nvoid show(const std::string &s);\n' >show.h
	printf '#include <iostream>\n#include <string>\nstruct record {\n    string name;\n};\nint main() { record r; std::cout << r.name.size() << "\\n"; return 0; }\n' >main.cpp
	printf '#include <iostream>\n#include <string>\nstruct record {\n    std::string name;\n};\nint main() { record r; std::cout << r.name.size() << "\\n"; return 0; }\n' >main.cpp.want
	healed_as main.cpp.want g++ -Wall -o app main.cpp
}

@test "refused near names: 'import glob2' (a distribution that versions a standard name) is not made 'import glob'" {
	python3 -c 'import glob2' 2>/dev/null && skip "glob2 is installed"
	mkdir -p a/b
	touch a/b/x.txt top.txt
	# glob2's ** recurses, glob's does not without recursive=True: it ran, and counted 1
	printf 'import glob2\n\nprint(len(glob2.glob("**/*.txt")))\n' >m.py
	left_alone m.py python3 m.py
	printf 'from glob2 import glob\n\nprint(len(glob("**/*.txt")))\n' >m.py
	left_alone m.py python3 m.py
}

@test "refused near names: a misspelled fixture is renamed in the code, not in a string or a comment of the file" {
	command -v pytest >/dev/null || skip "no pytest"
	printf 'import pytest\n\nTYPOS = {"cleint": "client"}  # cleint is a typo\n\n\n@pytest.fixture\ndef client():\n    return {"name": "ann"}\n\n\ndef test_typos():\n    assert TYPOS["cleint"] == "client"\n\n\ndef test_name(cleint):\n    assert cleint["name"] == "ann"\n' >test_u.py
	printf 'import pytest\n\nTYPOS = {"cleint": "client"}  # cleint is a typo\n\n\n@pytest.fixture\ndef client():\n    return {"name": "ann"}\n\n\ndef test_typos():\n    assert TYPOS["cleint"] == "client"\n\n\ndef test_name(client):\n    assert client["name"] == "ann"\n' >test_u.py.want
	healed_as test_u.py.want pytest -q -p no:cacheprovider test_u.py
}

@test "refused near names: gcc's did-you-mean is not taken when another name is as close (dx3: dx1 or dx2)" {
	printf '#include <stdio.h>\n\nstruct seg {\n\tint dx1;\n\tint dx2;\n};\n\nint main(void)\n{\n\tstruct seg s = { 1, 5 };\n\n\tprintf("%%d\\n", s.dx3);\n\treturn 0;\n}\n' >main.c
	left_alone main.c gcc -Wall -o app main.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tint count1 = 1, count2 = 2;\n\n\tprintf("%%d %%d\\n", count1, count3);\n\treturn 0;\n}\n' >main.c
	left_alone main.c gcc -Wall -o app main.c
	# one close name is still taken
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tint count = 1;\n\n\tprintf("%%d\\n", conut);\n\treturn 0;\n}\n' >main.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tint count = 1;\n\n\tprintf("%%d\\n", count);\n\treturn 0;\n}\n' >main.c.want
	healed_as main.c.want gcc -Wall -o app main.c
}

@test "refused near names: Python's Did you mean is not taken when another name is as close (rate3: rate1 or rate2)" {
	printf 'rate1 = 1\nrate2 = 2\nprint(rate3)\n' >m.py
	left_alone m.py python3 m.py
	printf 'class P:\n    def __init__(self):\n        self.dx1 = 1\n        self.dx2 = 2\n\n\nprint(P().dx3)\n' >m.py
	left_alone m.py python3 m.py
	# one close name is still taken
	printf 'count = 1\nprint(conut)\n' >m.py
	printf 'count = 1\nprint(count)\n' >m.py.want
	healed_as m.py.want python3 m.py
}

@test "refused near names: an unterminated '#ifndef X / #define X value' at the top of a .c file does not get its #endif at the end, but after the #define" {
	# the whole program would vanish under -DBUFSZ=1024; in a header the guard still closes
	printf '#ifndef BUFSZ\n#define BUFSZ 512\n\n#include <stdio.h>\n\nint main(void)\n{\n\tchar buf[BUFSZ];\n\n\tprintf("%%zu\\n", sizeof buf);\n\treturn 0;\n}\n' >main.c
	sed '2a #endif' main.c >main.c.want
	cp main.c orig.c
	healed_as main.c.want gcc -Wall -o app main.c
	if command -v clang >/dev/null; then
		cp orig.c main.c
		healed_as main.c.want clang -Wall -o app main.c
	fi
	printf '#ifndef UTIL_H\n#define UTIL_H\n\nint twice(int x);\n' >util.h
	printf '#include "util.h"\n#include <stdio.h>\nint twice(int x) { return 2 * x; }\nint main(void) { printf("%%d\\n", twice(2)); return 0; }\n' >main.c
	printf '#ifndef UTIL_H\n#define UTIL_H\n\nint twice(int x);\n#endif\n' >util.h.want
	healed_as util.h.want gcc -Wall -o app main.c
}

@test "refused near names: 'import typer' (a distribution one edit from types) is not made 'import types'" {
	python3 -c 'import typer' 2>/dev/null && skip "typer is installed"
	# the use is on a branch the validating run does not take: it ran
	printf 'import sys\nimport typer\n\n\ndef main(name: str):\n    print("hello", name)\n\n\nif len(sys.argv) > 1:\n    typer.run(main)\nelse:\n    print("usage: hello NAME")\n' >m.py
	left_alone m.py python3 m.py
}
