#!/usr/bin/env bats
# Variants of the corpus's C classes that other projects produce: typedef'd
# structs, clang's wording, system headers, a struct left open at the end
# of a header. Real gcc and clang, healed through the heal driver; each
# test checks the build passes afterwards and the change is the minimal one.

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall -g"
C="clang -fno-color-diagnostics -Wall -g"

@test "C variants: a typedef'd struct's misspelled member, gcc's did-you-mean names the typedef first" {
	printf '#include <stdio.h>\n\ntypedef struct {\n    const char *name;\n    int size;\n} item_t;\n\nint main(void)\n{\n    item_t it = { "a", 3 };\n    printf("%%s %%d\\n", it.nmae, it.size);\n    return 0;\n}\n' >main.c
	sed 's/it\.nmae/it.name/' main.c >want
	heals_to want main.c $G -o app main.c
}

@test "C variants: clang's member typo without a suggestion: the one close name" {
	printf '#include <stdlib.h>\n\nstruct node { int value; struct node *next; };\n\nint main(void)\n{\n    struct node *n = calloc(1, sizeof *n);\n    n->valeu = 3;\n    free(n);\n    return 0;\n}\n' >main.c
	sed 's/valeu/value/' main.c >want
	heals_to want main.c $C -o app main.c
}

@test "C variants: a one-letter member two fields are equally close to is left alone" {
	printf '#include <stdio.h>\n\nstruct point { int x, y; };\n\nint main(void)\n{\n    struct point p = { 1, 2 };\n    printf("%%d\\n", p.z + p.x);\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $C -o app main.c
	assert_failure
	cmp orig main.c
}

@test "C variants: clang's bare expected ')' (no 'before') closes the parenthesis" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3;\n    if ((n > 2) {\n        puts("big");\n    }\n    return 0;\n}\n' >main.c
	sed 's/if ((n > 2) {/if ((n > 2)) {/' main.c >want
	heals_to want main.c $C -o app main.c
}

@test "C variants: a misspelled standard header in angle brackets, gcc and clang" {
	printf '#include <stdio.h>\n#include <stdlb.h>\n\nint main(void)\n{\n    exit(0);\n}\n' >main.c
	sed 's/stdlb/stdlib/' main.c >want
	heals_to want main.c $G -o app main.c
	printf '#include <strng.h>\n\nint main(void)\n{\n    return (int)strlen("");\n}\n' >b.c
	run heal --yes --no-wait -- $C -o b b.c
	assert_success
	grep -qx '#include <string.h>' b.c
}

@test "C variants: a standard header named without its '.h' (<stdio>, <string> in C), gcc and clang" {
	printf '#include <stdio>\n\nint main(void)\n{\n    puts("hi");\n    return 0;\n}\n' >main.c
	sed 's/<stdio>/<stdio.h>/' main.c >want
	heals_to want main.c $C -o app main.c
	printf '#include <string>\n\nint main(void)\n{\n    return (int)strlen("");\n}\n' >b.c
	run heal --yes --no-wait -- $G -o b b.c
	assert_success
	grep -qx '#include <string.h>' b.c
}

@test "C variants: a misspelled preprocessing directive (#iclude, #  ifdfe) is the closest one, clang and gcc" {
	printf '#iclude <stdio.h>\n\nint main(void)\n{\n    puts("hi");\n    return 0;\n}\n' >main.c
	sed 's/#iclude/#include/' main.c >want
	heals_to want main.c $C -o app main.c
	printf '#include <stdio.h>\n#  ifdfe N\n#  endif\n\nint main(void)\n{\n    return 0;\n}\n' >b.c
	sed 's/ifdfe/ifdef/' b.c >wantb
	heals_to wantb b.c $G -o b b.c
}

@test "C variants: a missing third-party header is not turned into a standard one" {
	printf '#include <uv.h>\n\nint main(void)\n{\n    return 0;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- $G -o app main.c
	assert_failure
	cmp orig main.c
}

@test "C variants: a struct left open at the end of a header: the ';' goes into the header" {
	printf '#ifndef SHAPE_H\n#define SHAPE_H\n\nstruct shape {\n    int w;\n    int h;\n}\n\n#endif /* SHAPE_H */\n' >shape.h
	printf '#include <stdio.h>\n#include "shape.h"\n\nint main(void)\n{\n    struct shape s = { 2, 3 };\n    printf("%%d\\n", s.w * s.h);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/^}$/};/' shape.h >want
	heals_to want shape.h $G -o app main.c
	cmp orig main.c
}

@test "C variants: an enum left open at the end of a header in a subdirectory, tab-indented main" {
	mkdir -p src/include
	printf '#ifndef COLOR_H\n#define COLOR_H\nenum color {\n\tRED,\n\tGREEN\n} /* no ; */\n#endif\n' >src/include/color.h
	printf '#include "include/color.h"\n\nint main(void)\n{\n\treturn RED;\n}\n' >src/main.c
	run heal --yes --no-wait -- $C -o app src/main.c
	assert_success
	printf '#ifndef COLOR_H\n#define COLOR_H\nenum color {\n\tRED,\n\tGREEN\n}; /* no ; */\n#endif\n' >want
	cmp want src/include/color.h
}

# sum.c with the body lines $1 of a function whose variable 'last' is set but never read
set_but_unused() {
	printf '#include <stdio.h>\n#include <unistd.h>\n\nstatic int sum(const int *v, int n)\n{\n    int total = 0;\n    int last = 0;\n\n%s\n    return total;\n}\n\nint main(void)\n{\n    int v[] = {1, 2, 3};\n    printf("%%d\\n", sum(v, 3));\n    return 0;\n}\n' "$1" >sum.c
}

@test "C variants: a variable set but never read loses its declaration and its plain assignments (gcc and clang -Werror)" {
	# gcc counts a compound assignment as a use of the variable, clang does not
	for cc in "$G" "$C"; do
		plus=
		[ "$cc" = "$C" ] && plus=$'\n        last += 1;'
		set_but_unused $'    last = -1;\n    for (int i = 0; i < n; i++) {\n        total += v[i];\n        last = v[i] * 2;'"$plus"$'\n    }'
		grep -v 'last' sum.c >want
		heals_to want sum.c $cc -Werror -o app sum.c
		run ./app
		assert_output 6
	done
}

@test "C variants: a set-but-unused variable assigned from a call, as an if's lone statement, or named in a comment keeps its lines" {
	for body in $'    last = (int)write(1, "", 0);\n    total += v[0] + v[1] + v[2];' \
		$'    for (int i = 0; i < n; i++)\n        last = v[i];\n    total = 6;' \
		$'    /* last: kept for debugging */\n    last = 1;\n    total = 6;'; do
		set_but_unused "$body"
		cp sum.c orig
		$G -Werror -o app sum.c >out 2>&1 && { echo "built: $body" >&2; return 1; }
		run bash -c 'heal-detect <out | heal-analyze'
		assert_success
		refute_output --partial c.set-but-unused-variable
		run heal --yes --no-wait -- $G -Werror -o app sum.c
		assert_failure
		cmp orig sum.c
	done
}
