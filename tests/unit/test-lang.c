#include "fsfix.h"
#include "heal_lang.h"
#include "tap.h"

static const char *name_of(const struct heal_lang *l)
{
	return l ? l->name : "(none)";
}

static const char *of_name(const char *path)
{
	return name_of(heal_lang_of_name(path, NULL));
}

static const char *of_shebang(const char *line)
{
	return name_of(heal_lang_of_shebang(line, strlen(line)));
}

static const char *of_program(const char *argv0)
{
	return name_of(heal_lang_of_program(argv0, NULL));
}

/* Whether each suffix of list says row (by name, and by suffix alone). */
static bool all_say(const struct heal_lang *row, const char *const *list,
		    bool header)
{
	bool all = true, hdr;
	size_t i;

	for (i = 0; list[i]; i++) {
		const struct heal_lang *l;
		char path[64];

		snprintf(path, sizeof(path), "src/x%s", list[i]);
		l = heal_lang_of_name(path, &hdr);
		if (l != row || hdr != header ||
		    heal_lang_of_suffix(path, NULL) != row) {
			printf("# %s: got %s\n", path, name_of(l));
			all = false;
		}
	}
	return all;
}

int main(void)
{
	struct heal_root root;
	struct heal_error err = HEAL_ERROR_INIT;
	char dir[] = "/tmp/heal-test-lang-XXXXXX";
	const struct heal_lang *l;
	const char *family;
	bool hdr, cxx;
	int id;

	/* every suffix, header suffix and whole name of the table, back */
	for (id = HEAL_LANG_NONE + 1; id < HEAL_LANG_COUNT; id++) {
		const struct heal_lang *row = heal_lang_get((enum heal_lang_id)id);
		size_t i;
		bool all = true;

		if (!ok(row != NULL, "language %d has a row", id))
			continue;
		ok(heal_lang_by_name(row->name) == row, "%s: by its name", row->name);
		ok(heal_lang_by_name(row->env) != NULL &&
		   strcmp(heal_lang_by_name(row->env)->env, row->env) == 0,
		   "%s: its env '%s' names a language of that env", row->name, row->env);
		for (i = 0; row->aliases[i]; i++)
			ok(heal_lang_by_name(row->aliases[i]) == row, "%s: alias %s",
			   row->name, row->aliases[i]);
		ok(all_say(row, row->suffixes, false), "%s: each of its suffixes says it",
		   row->name);
		ok(all_say(row, row->headers, true),
		   "%s: each of its header suffixes says it, as a header", row->name);
		all = true;
		for (i = 0; row->file_names[i]; i++) {
			char path[64];

			snprintf(path, sizeof(path), "sub/%s", row->file_names[i]);
			all &= heal_lang_of_name(path, NULL) == row &&
			       !heal_lang_of_suffix(path, NULL);
		}
		ok(all, "%s: each of its whole names says it (by name, not suffix)",
		   row->name);
	}
	ok(heal_lang_get(HEAL_LANG_NONE) == NULL, "no row for NONE");
	ok(heal_lang_get(HEAL_LANG_COUNT) == NULL, "no row past the end");

	/* file names */
	is_str(of_name("main.c"), "c", "main.c");
	is_str(of_name("a/b/x.cpp"), "cpp", "x.cpp");
	is_str(of_name("x.C"), "cpp", ".C is C++ (case matters)");
	is_str(of_name("x.c++"), "cpp", ".c++");
	is_str(of_name("x.h"), "c", ".h is C");
	l = heal_lang_of_name("x.hpp", &hdr);
	ok(l && l->id == HEAL_LANG_CXX && hdr, ".hpp: a C++ header");
	l = heal_lang_of_name("/usr/include/c++/12/iostream", &hdr);
	ok(l && l->id == HEAL_LANG_CXX && hdr, "libstdc++'s <iostream>: a C++ header by its directory");
	is_str(of_name("/usr/include/c++/12/bits/stl_function.h"), "cpp",
	       "a .h beneath c++/ is C++");
	ok(!heal_lang_of_suffix("c++/README", NULL), "by suffix alone the directory says nothing");
	is_str(of_name("c++/tool.py"), "python", "a source suffix wins over the directory");
	is_str(of_name("Makefile"), "make", "Makefile");
	is_str(of_name("rules.mk"), "make", ".mk");
	is_str(of_name("GNUmakefile"), "make", "GNUmakefile");
	is_str(of_name("Makefile.am"), "(none)", "Makefile.am is not make's");
	is_str(of_name("s.bash"), "bash", ".bash");
	is_str(of_name("s.sh"), "sh", ".sh");
	ok(heal_lang_of_name("s.sh", NULL)->shebang_decides, ".sh lets a #! line decide");
	is_str(of_name("play.yml"), "yaml", ".yml");
	is_str(of_name("roles/x/tasks/main.yaml"), "yaml", ".yaml");
	is_str(of_name("main.tf"), "terraform", ".tf");
	is_str(of_name("app.mjs"), "javascript", ".mjs");
	is_str(of_name("README"), "(none)", "no suffix");
	is_str(of_name("x.txt"), "(none)", "unknown suffix");
	is_str(of_name("x.py.orig"), "(none)", "a backup's suffix is its own");
	is_str(of_name(""), "(none)", "empty");
	is_str(of_name(NULL), "(none)", "NULL");
	is_str(of_name("dir.c/"), "(none)", "a directory name with a slash at the end");

	/* comments */
	is_str(heal_lang_line_comment("a.py", NULL), "#", "Python's comment");
	is_str(heal_lang_line_comment("a.c", NULL), "//", "C's comment");
	is_str(heal_lang_line_comment("Makefile", NULL), "#", "make's comment");
	is_str(heal_lang_line_comment("x.txt", ";"), ";", "unknown: the default");
	ok(heal_lang_line_comment("x.txt", NULL) == NULL, "unknown, no default: NULL");
	l = heal_lang_by_name("terraform");
	ok(l && !strcmp(l->line_comment, "#") && !strcmp(l->line_comment2, "//") &&
	   !strcmp(l->block_open, "/*"), "HCL: #, // and /* */");

	/* names */
	is_str(name_of(heal_lang_by_name("c++")), "cpp", "by name: c++");
	is_str(name_of(heal_lang_by_name("shell")), "sh", "by env: shell");
	is_str(name_of(heal_lang_by_name("ansible")), "yaml", "by env: ansible");
	is_str(name_of(heal_lang_by_name("hcl")), "terraform", "by alias: hcl");
	is_str(name_of(heal_lang_by_name("node")), "javascript", "by env: node");
	is_str(name_of(heal_lang_by_name("cobol")), "(none)", "unknown name");
	is_str(name_of(heal_lang_by_name("")), "(none)", "empty name");
	is_str(name_of(heal_lang_by_name(NULL)), "(none)", "NULL name");

	/* shebangs */
	is_str(of_shebang("#!/bin/sh\n"), "sh", "#!/bin/sh");
	is_str(of_shebang("#!/bin/sh -e\necho\n"), "sh", "#!/bin/sh -e");
	is_str(of_shebang("#! /bin/bash\n"), "bash", "#! /bin/bash (a blank after #!)");
	is_str(of_shebang("#!/bin/bash\r\n"), "bash", "a CRLF line");
	is_str(of_shebang("#!/bin/dash\n"), "sh", "dash is a POSIX sh");
	is_str(of_shebang("#!/usr/bin/env python3\n"), "python", "#!/usr/bin/env python3");
	is_str(of_shebang("#!/usr/bin/env bash"), "bash", "#!/usr/bin/env bash, no newline");
	is_str(of_shebang("#!/usr/bin/env -S python3 -u\n"), "python", "env -S");
	is_str(of_shebang("#!/usr/bin/env LC_ALL=C bash\n"), "bash", "env NAME=VALUE");
	is_str(of_shebang("#!/usr/bin/python3.11\n"), "python", "python3.11");
	is_str(of_shebang("#!/usr/local/bin/python\n"), "python", "python");
	is_str(of_shebang("#!/usr/bin/node\n"), "javascript", "node");
	is_str(of_shebang("#!/bin/zsh\n"), "(none)", "zsh: unknown");
	is_str(of_shebang("#!/usr/bin/env\n"), "(none)", "env and no program");
	is_str(of_shebang("#!/usr/bin/env -i\n"), "(none)", "env, options, no program");
	is_str(of_shebang("#!\n"), "(none)", "an empty #! line");
	is_str(of_shebang("#!/usr/bin/gcc\n"), "(none)", "a compiler is no interpreter");
	is_str(of_shebang("# /bin/sh\n"), "(none)", "not a #! line");
	is_str(of_shebang("import os\n"), "(none)", "code");
	ok(heal_lang_of_shebang(NULL, 0) == NULL, "NULL");
	ok(heal_lang_of_shebang("#!/bin/bash", 5) == NULL, "cut at n: '#!/bi' names nothing");

	/* programs */
	is_str(of_program("gcc"), "c", "gcc");
	is_str(of_program("/usr/bin/gcc-12"), "c", "/usr/bin/gcc-12");
	is_str(of_program("gcc-12.2"), "c", "gcc-12.2");
	is_str(of_program("arm-none-eabi-gcc"), "c", "arm-none-eabi-gcc");
	is_str(of_program("x86_64-linux-gnu-g++-12"), "cpp", "x86_64-linux-gnu-g++-12");
	is_str(of_program("c99-gcc"), "c", "c99-gcc");
	is_str(of_program("clang-16"), "c", "clang-16");
	is_str(of_program("cc"), "c", "cc");
	is_str(of_program("c++"), "cpp", "c++");
	is_str(of_program("clang-format"), "(none)", "clang-format is no compiler");
	is_str(of_program("gcc-ar"), "(none)", "gcc-ar is no compiler");
	is_str(of_program("gcc-ar-12"), "(none)", "gcc-ar-12 neither");
	is_str(of_program("arm-none-eabi-python3"), "(none)", "only compilers take a target prefix");
	is_str(of_program("python3"), "python", "python3");
	is_str(of_program("python3.12"), "python", "python3.12");
	is_str(of_program("python3-config"), "(none)", "python3-config");
	is_str(of_program("pytest"), "python", "pytest");
	is_str(of_program("pip3"), "python", "pip3");
	is_str(of_program("bash"), "bash", "bash");
	is_str(of_program("/bin/sh"), "sh", "/bin/sh");
	is_str(of_program("shellcheck"), "sh", "shellcheck");
	is_str(of_program("gmake"), "make", "gmake");
	is_str(of_program("terraform"), "terraform", "terraform");
	is_str(of_program("tofu"), "terraform", "tofu");
	is_str(of_program("ansible-playbook"), "yaml", "ansible-playbook");
	is_str(of_program("npm"), "javascript", "npm");
	is_str(of_program("rm"), "(none)", "rm");
	is_str(of_program(""), "(none)", "empty");
	is_str(of_program("/usr/bin/"), "(none)", "a directory");
	is_str(of_program(NULL), "(none)", "NULL");
	{
		char longname[400];

		memset(longname, 'g', sizeof(longname) - 4);
		memcpy(longname + sizeof(longname) - 4, "gcc", 4);
		is_str(of_program(longname), "(none)", "a name past the cap");
	}
	ok(heal_lang_of_program("g++", &cxx) && cxx, "g++: a C++ driver");
	ok(heal_lang_of_program("clang++-17", &cxx) && cxx, "clang++-17: a C++ driver");
	ok(heal_lang_of_program("gcc", &cxx) && !cxx, "gcc: not a C++ driver");
	ok(heal_lang_of_program("python3", &cxx) && !cxx, "python3: not a C++ driver");
	ok(heal_lang_is_compiler("clang-16", &cxx, &family) && !cxx &&
	   !strcmp(family, "clang"), "clang-16: a clang compiler");
	ok(heal_lang_is_compiler("arm-none-eabi-g++", &cxx, &family) && cxx &&
	   !strcmp(family, "gcc"), "arm-none-eabi-g++: a gcc C++ compiler");
	ok(heal_lang_is_compiler("cc", NULL, &family) && !strcmp(family, "gcc"),
	   "cc: gcc's family");
	ok(!heal_lang_is_compiler("python3", &cxx, &family) && !cxx && !family,
	   "python3 is no compiler");
	ok(!heal_lang_is_compiler("make", NULL, NULL), "make is no compiler");
	ok(heal_lang_program("python3")->role == HEAL_ROLE_INTERPRETER, "python3 interprets");
	ok(heal_lang_program("make")->role == HEAL_ROLE_BUILD, "make builds");
	ok(heal_lang_program("shellcheck")->role == HEAL_ROLE_CHECKER, "shellcheck checks");
	ok(heal_lang_program("terraform")->role == HEAL_ROLE_TOOL, "terraform is a tool");

	/* files beneath a root: the name, then the #! line */
	ok(mkdtemp(dir) != NULL, "temp root");
	fs_put(fs_at(dir, "run"), "#!/usr/bin/env python3\nprint(1)\n", 0644);
	fs_put(fs_at(dir, "x.sh"), "#!/bin/bash\necho\n", 0644);
	fs_put(fs_at(dir, "y.sh"), "echo\n", 0644);
	fs_put(fs_at(dir, "z.sh"), "#!/bin/zsh\necho\n", 0644);
	fs_put(fs_at(dir, "m.py"), "#!/bin/sh\n", 0644);
	fs_put(fs_at(dir, "empty"), "", 0644);
	ok(mkfifo(fs_at(dir, "pipe.sh"), 0600) == 0, "a fifo");
	ok(heal_root_open(&root, dir, &err) == 0, "root");
	is_str(name_of(heal_lang_of_path(&root, "run", NULL)), "python", "no suffix: its #! line");
	is_str(name_of(heal_lang_of_path(&root, "x.sh", NULL)), "bash", ".sh with #!/bin/bash: bash");
	is_str(name_of(heal_lang_of_path(&root, "y.sh", NULL)), "sh", ".sh without #!: sh");
	is_str(name_of(heal_lang_of_path(&root, "z.sh", NULL)), "(none)", ".sh with #!/bin/zsh: not sh");
	is_str(name_of(heal_lang_of_path(&root, "m.py", NULL)), "python", ".py: its suffix decides");
	is_str(name_of(heal_lang_of_path(&root, "empty", NULL)), "(none)", "an empty file");
	is_str(name_of(heal_lang_of_path(&root, "missing.sh", NULL)), "sh", "a missing .sh: its name");
	is_str(name_of(heal_lang_of_path(&root, "pipe.sh", NULL)), "sh",
	       "a fifo is not read (no hang): its name");
	is_str(name_of(heal_lang_of_path(&root, "../x.sh", NULL)), "sh",
	       "a path outside: the name alone");
	is_str(name_of(heal_lang_of_path(NULL, "run", NULL)), "(none)", "no root: the name alone");
	heal_root_close(&root);
	fs_rm_tree(dir);

	/* a library's directories, not a project's own code */
	ok(heal_lang_library_path("/usr/local/bundle/gems/rails-7/lib/a.rb"),
	   "a gem's file is a library's");
	ok(heal_lang_library_path("venv/lib/python3.11/site-packages/x/y.py"),
	   "site-packages is a library's");
	ok(heal_lang_library_path("web/node_modules/react/index.js"),
	   "node_modules is a library's");
	ok(heal_lang_library_path("/usr/lib/gcc/x86_64-linux-gnu/12/crtbegin.o"),
	   "/usr/lib is the system's");
	ok(heal_lang_library_path("<internal:kernel>") &&
	   heal_lang_library_path("node:internal/modules/cjs/loader"),
	   "a runtime's built-in code is a library's");
	ok(!heal_lang_library_path("/app/db/seeds.rb") &&
	   !heal_lang_library_path("src/gems.c") && !heal_lang_library_path(NULL),
	   "an app's file, a file named like a library directory, no path: not");

	/* other languages' compilers in gcc's layout, by suffix */
	{
		const char *tool = NULL, *env = NULL;

		ok(heal_lang_foreign_compiler("contracts/o.sol", &tool, &env) &&
		   strcmp(tool, "solc") == 0 && strcmp(env, "solidity") == 0,
		   ".sol: solc");
		ok(heal_lang_foreign_compiler("start.S", &tool, &env) &&
		   strcmp(tool, "as") == 0, ".S: the assembler");
		ok(heal_lang_foreign_compiler("sketch.ino", &tool, &env) &&
		   strcmp(env, "cpp") == 0, ".ino: C++");
		ok(!heal_lang_foreign_compiler("main.c", &tool, &env) &&
		   !heal_lang_foreign_compiler("dir/.d", &tool, &env),
		   "C is gcc's own; a bare suffix is no file");
	}
	return tap_done();
}
