#!/usr/bin/env bats
# Characters pasted from a word processor or a web page into C and C++:
# typographic quotes and no-break spaces. Real gcc and clang, healed through
# the heal driver. The errors the compiler reports after them on the same
# line (an "undeclared" word of the string, a did-you-mean) are consequences
# and must not be "fixed".

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall -g"
C="clang -fno-color-diagnostics -Wall -g"

@test "unicode: a string in typographic double quotes, gcc: the quotes become ASCII, the words stay" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf(\xe2\x80\x9chello, world\\n\xe2\x80\x9d);\n    return 0;\n}\n' >main.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("hello, world\\n");\n    return 0;\n}\n' >want
	heals_to want main.c $G -o app main.c
	run ./app
	assert_output "hello, world"
}

@test "unicode: typographic double quotes, clang, tab-indented, in a subdirectory" {
	mkdir src
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tconst char *who = \xe2\x80\x9cworld\xe2\x80\x9d;\n\tputs(who);\n\treturn 0;\n}\n' >src/greet.c
	LC_ALL=C sed 's/\xe2\x80[\x9c\x9d]/"/g' src/greet.c >want
	heals_to want src/greet.c $C -o app src/greet.c
}

@test "unicode: a character constant in typographic single quotes, gcc and clang" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    char c = \xe2\x80\x98x\xe2\x80\x99;\n    printf("%%c\\n", c);\n    return 0;\n}\n' >main.c
	cp main.c orig
	LC_ALL=C sed "s/\xe2\x80[\x98\x99]/'/g" main.c >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -o app main.c
}

@test "unicode: no-break spaces on two lines (gcc's stray '\\302', clang's -Wunicode-whitespace under -Werror)" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int\xc2\xa0n = 3;\n    printf("%%d\\n",\xc2\xa0n);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/\xc2\xa0/ /g' main.c >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c
}

@test "unicode: C++, typographic quotes around a std::string literal" {
	printf '#include <iostream>\n#include <string>\n\nint main()\n{\n    std::string s = \xe2\x80\x9cok\xe2\x80\x9d;\n    std::cout << s << std::endl;\n    return 0;\n}\n' >main.cpp
	LC_ALL=C sed 's/\xe2\x80[\x9c\x9d]/"/g' main.cpp >want
	heals_to want main.cpp g++ -fdiagnostics-color=never -Wall -o app main.cpp
}

@test "unicode: the analysis offers no name guess on a line with typographic quotes" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf(\xe2\x80\x9chello, world\\n\xe2\x80\x9d);\n    return 0;\n}\n' >main.c
	detected "did you mean" $G -o app main.c
	run fix_get 'len(r.get("fixes") or [])'
	assert_output 0
	detected "stray" $G -o app main.c
	run fix_get 'r["fixes"][0]["rule"]'
	assert_output c.stray-smart-double-quote
}

@test "unicode: an en dash between two operands is the minus it stands for (ascii-lookalikes); one in a string stays" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int a = 5, b = 3;\n    printf("%%d \xe2\x80\x93 %%d\\n", a \xe2\x80\x93 b, b);\n    return 0;\n}\n' >main.c
	run heal --yes --no-wait -- $G -o app main.c
	assert_success
	grep -qx "    printf(\"%d $(printf '\xe2\x80\x93') %d\\\\n\", a - b, b);" main.c
}

@test "unicode: typographic quotes inside a string literal are left alone when the error is elsewhere" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    puts("\xe2\x80\x9cquoted\xe2\x80\x9d");\n    return 0\n}\n' >main.c
	sed 's/return 0$/return 0;/' main.c >want
	heals_to want main.c $G -o app main.c
}

@test "unicode: a string literal that holds typographic quotes or a no-break space keeps them; only the stray ones outside change" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("%%s \xe2\x80\x9cx\xe2\x80\x9d\\n", \xe2\x80\x9cok\xe2\x80\x9d);\n    printf("a\xc2\xa0b %%d\\n",\xc2\xa0%d);\n    return 0;\n}\n' 1 >main.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n    printf("%%s \xe2\x80\x9cx\xe2\x80\x9d\\n", "ok");\n    printf("a\xc2\xa0b %%d\\n", %d);\n    return 0;\n}\n' 1 >want
	heals_to want main.c $G -o app main.c
}

@test "unicode: typographic quotes in a comment do not stop the fix of the line's own error (clang's missing ';')" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3 // the \xe2\x80\x9cdefault\xe2\x80\x9d\n    printf("%%d\\n", n);\n    return 0;\n}\n' >main.c
	sed 's/int n = 3 \/\//int n = 3; \/\//' main.c >want
	heals_to want main.c $C -o app main.c
}
