#!/usr/bin/env bats
# A C program that compiles with warnings and then fails when it runs
# (`gcc -Wall -o app main.c && ./app`): the warnings name the mistake. A
# string compared with == (strcmp), a clause whose body is not the lines
# indented under it (brace-body), an else left without its if, n == 4;
# as a statement, a sum or a product never started, if (x = 5). Their
# neighbours that mean what they say are left byte-identical.

load analyze-helpers

G="gcc -fdiagnostics-color=never -Wall"
C="clang -fno-color-diagnostics -Wall"

# heals_run WANT FILE CC: heal compiles and runs FILE, which ends as WANT.
heals_run() {
	local want=$1 f=$2
	shift 2
	run heal --yes --no-wait -- sh -c "$* -o app $f && ./app"
	assert_success
	cmp "$want" "$f"
}

@test "run warnings: op != \"mul\" and \"quit\" != cmd, gcc and clang: strcmp" {
	printf '#include <stdio.h>\n#include <string.h>\n\nint main(void)\n{\n    char op[8] = "mul";\n    char cmd[8] = "quit";\n    if (op != "mul" || "quit" != cmd)\n        return 1;\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/op != "mul" || "quit" != cmd/strcmp(op, "mul") != 0 || strcmp(cmd, "quit") != 0/' orig >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "run warnings: a string compared with == without <string.h>: strcmp, then the include" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    char name[] = "bob";\n    if (name != "bob")\n        return 1;\n    puts(name);\n    return 0;\n}\n' >main.c
	printf '#include <stdio.h>\n#include <string.h>\n\nint main(void)\n{\n    char name[] = "bob";\n    if (strcmp(name, "bob") != 0)\n        return 1;\n    puts(name);\n    return 0;\n}\n' >want
	heals_run want main.c $G
}

@test "run warnings: if (n > 10); before an indented statement, gcc and clang: the ';' goes" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3;\n    if (n > 10);\n        return 1;\n    printf("%%d\\n", n);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/if (n > 10);/if (n > 10)/' orig >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "run warnings: for (...); before a block at the for's indentation: the block is the body" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int i, sum = 0;\n    for (i = 0; i < 4; i++);\n    {\n        sum += i;\n    }\n    return sum == 6 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	sed 's/i++);/i++)/' orig >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "run warnings: two statements indented under an if, K&R file: braces at the if's end and under the body" {
	printf '#include <stdio.h>\n\nint main(void) {\n    int n = 3, big = 0;\n    if (n > 5)\n        big++;\n        n = 0;\n    if (n == 3) {\n        puts("three");\n    }\n    return n == 3 && big == 0 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	printf '#include <stdio.h>\n\nint main(void) {\n    int n = 3, big = 0;\n    if (n > 5) {\n        big++;\n        n = 0;\n    }\n    if (n == 3) {\n        puts("three");\n    }\n    return n == 3 && big == 0 ? 0 : 1;\n}\n' >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "run warnings: two statements under a while in an Allman file with tabs: braces on their own lines" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tint i = 0, sum = 0;\n\tif (sum == 0)\n\t{\n\t\tputs("start");\n\t}\n\twhile (i < 3)\n\t\tsum += i;\n\t\ti++;\n\treturn sum == 3 ? 0 : 1;\n}\n' >main.c
	printf '#include <stdio.h>\n\nint main(void)\n{\n\tint i = 0, sum = 0;\n\tif (sum == 0)\n\t{\n\t\tputs("start");\n\t}\n\twhile (i < 3)\n\t{\n\t\tsum += i;\n\t\ti++;\n\t}\n\treturn sum == 3 ? 0 : 1;\n}\n' >want
	run heal --yes --no-wait -- sh -c "$G -o app main.c && timeout 5 ./app"
	assert_success
	cmp want main.c
}

@test "run warnings: an else without its if after two indented statements, gcc and clang: the if's body is braced" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3, big = 0, small = 0;\n    if (n > 5)\n        big++;\n        puts("big");\n    else\n        small++;\n    return small == 1 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3, big = 0, small = 0;\n    if (n > 5) {\n        big++;\n        puts("big");\n    }\n    else\n        small++;\n    return small == 1 ? 0 : 1;\n}\n' >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -o app main.c
}

@test "run warnings: else after if (c); in an else-if chain: the ';' goes" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3;\n    if (n < 0)\n        puts("neg");\n    else if (n > 2);\n        puts("big");\n    else\n        puts("small");\n    return 0;\n}\n' >main.c
	sed 's/else if (n > 2);/else if (n > 2)/' main.c >want
	heals_to want main.c $G -o app main.c
}

@test "run warnings: if (c); { on one line, then } else {, gcc and clang: the ';' goes" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 30, hot = 0;\n    if (n > 25); {\n        hot++;\n    } else {\n        hot--;\n    }\n    return hot == 1 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	sed 's/if (n > 25); {/if (n > 25) {/' orig >want
	heals_to want main.c $G -o app main.c
	cp orig main.c
	heals_to want main.c $C -o app main.c
}

@test "run warnings: an empty while at its own indentation and a braced body are left alone" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    const char *s = "abc", *p = s;\n    while (*p)\n        p++;\n    if (p - s == 3);\n    return 1;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- sh -c "$C -o app main.c && ./app"
	assert_failure
	cmp orig main.c
}

@test "run warnings: n == 4; as a statement, gcc and clang: n = 4;" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n = 3;\n    n == 4;\n    printf("%%d\\n", n);\n    return n == 4 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	sed 's/^    n == 4;/    n = 4;/' orig >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "run warnings: a sum and a product never started (clang; gcc -O2): 0 and 1 where they are declared" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int i, sum, n = 4;\n    long prod;\n    for (i = 1; i <= n; i++) {\n        sum += i;\n        prod *= i;\n    }\n    printf("%%d %%ld\\n", sum, prod);\n    return sum == 10 && prod == 24 ? 0 : 1;\n}\n' >main.c
	cp main.c orig
	sed -e 's/int i, sum, n = 4;/int i, sum = 0, n = 4;/' -e 's/long prod;/long prod = 1;/' orig >want
	heals_run want main.c $C
	cp orig main.c
	heals_run want main.c $G -O2
}

@test "run warnings: an uninitialized pointer is left alone" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int *p;\n    printf("%%d\\n", *p);\n    return 1;\n}\n' >main.c
	cp main.c orig
	run heal --yes --no-wait -- sh -c "$C -o app main.c && ./app"
	assert_failure
	cmp orig main.c
}

@test "run warnings: if (x = 5) assigns a constant: ==, gcc and clang" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int x = 3;\n    if (x = 5)\n        return 1;\n    puts("not five");\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed 's/if (x = 5)/if (x == 5)/' orig >want
	heals_run want main.c $G
	cp orig main.c
	heals_run want main.c $C
}

@test "format warnings under -Werror, gcc and clang: scanf's arguments get their '&', printf's and a char array's lose it; %lf stays" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    int n;\n    double d;\n    char name[20];\n    if (scanf("%%d %%lf", n, d) != 2)\n        return 1;\n    if (fscanf(stdin, "%%19s", &name) == 1)\n        printf("%%d %%f\\n", &n, d);\n    return 0;\n}\n' >main.c
	cp main.c orig
	sed -e 's/scanf("%d %lf", n, d)/scanf("%d %lf", \&n, \&d)/' -e 's/"%19s", &name/"%19s", name/' -e 's/"%d %f\\n", &n, d/"%d %f\\n", n, d/' orig >want
	heals_to want main.c $G -Werror -o app main.c
	cp orig main.c
	heals_to want main.c $C -Werror -o app main.c
}

@test "format warnings: printf(\"%d\", x) of a double is still a conversion's fix; an & the call has is left" {
	printf '#include <stdio.h>\n\nint main(void)\n{\n    double avg = 2.5;\n    int n = 0;\n    if (scanf("%%d", &n) < 0)\n        n = 1;\n    printf("%%d %%d\\n", avg, n);\n    return 0;\n}\n' >main.c
	sed 's/printf("%d %d\\n", avg, n)/printf("%f %d\\n", avg, n)/' main.c >want
	heals_to want main.c $G -Werror -o app main.c
}
