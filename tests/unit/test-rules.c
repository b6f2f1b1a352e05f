/*
 * Rule files: load errors name the file, line, rule and field; lazy loading
 * (heal's own rules all compile; a rule that does not compile fails when
 * first used, with the message an eager load gives); templates; closest
 * names; holds, a templated suffix, tab-indent's all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_actions.h"
#include "heal_config_build.h"
#include "heal_root.h"
#include "heal_rules.h"
#include "heal_tmpl.h"
#include "tap.h"

static char dir[] = "/tmp/heal-test-rules-XXXXXX";

static int load_text(const char *text, struct heal_error *err)
{
	char path[256];
	struct heal_rules *rs = heal_rules_new();
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/r.json", dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	heal_error_clear(err);
	rc = heal_rules_load(rs, path, 0, err);
	heal_rules_free(rs);
	unlink(path);
	return rc;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/*
 * Apply rs to an error record of tool, message "x"; -1 with err on
 * failure.  The verdict's root cause goes to cause (when not NULL).
 */
static int apply_cause(struct heal_rules *rs, const char *tool, size_t *ncands,
		       char *cause, size_t cause_size, struct heal_error *err)
{
	struct heal_root root;
	struct heal_sources src;
	struct heal_cands cands;
	struct heal_rule_verdict vd;
	struct heal_buf b;
	struct heal_json *rec;
	int rc;

	if (heal_root_open(&root, dir, err) < 0)
		return -1;
	heal_buf_init(&b, 4096);
	heal_buf_putf(&b, "{\"v\":1,\"kind\":\"error\",\"tool\":\"%s\",\"message\":\"x\"}", tool);
	rec = heal_json_parse(b.data, b.len, NULL, err);
	heal_buf_release(&b);
	heal_sources_init(&src, &root);
	heal_cands_init(&cands);
	heal_error_clear(err);
	rc = heal_rules_apply(rs, &src, rec, NULL, &cands, &vd, NULL, err);
	*ncands = cands.n;
	if (cause)
		snprintf(cause, cause_size, "%s", vd.root_cause ? vd.root_cause : "");
	heal_rule_verdict_release(&vd);
	heal_cands_release(&cands);
	heal_sources_release(&src);
	heal_json_free(rec);
	heal_root_close(&root);
	return rc;
}

static int apply(struct heal_rules *rs, const char *tool, size_t *ncands,
		 struct heal_error *err)
{
	return apply_cause(rs, tool, ncands, NULL, 0, err);
}

static void test_lazy(void)
{
	static const char bad[] =
		"{\"v\":1,\"rules\":[\n"
		"{\"id\":\"t.ok\",\"tool\":\"gcc\",\"message\":\"(?<what>x)\",\"action\":\"none\","
		"\"category\":\"name\",\"severity\":3,\"root_cause\":\"r ${what}\"},\n"
		"{\"id\":\"t.bad\",\"tool\":\"make\",\"message\":\"(x\",\"action\":\"none\","
		"\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"}\n]}\n";
	static const char badvar[] =
		"{\"v\":1,\"rules\":[\n"
		"{\"id\":\"t.var\",\"message\":\"x\",\"action\":\"none\","
		"\"category\":\"name\",\"severity\":3,\"root_cause\":\"r ${nobody}\"}\n]}\n";
	struct heal_error err = HEAL_ERROR_INIT, eager = HEAL_ERROR_INIT;
	struct heal_rules *rs, *all;
	char path[256];
	size_t n = 0;

	/* heal's own rules: every one compiles, lazily or not */
	all = heal_rules_new();
	ok(heal_rules_load(all, HEAL_SOURCE_DATADIR "/rules", 0, &err) == 0,
	   "heal's own rules load eagerly: %s", err.msg);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, HEAL_SOURCE_DATADIR "/rules", HEAL_RULES_LAZY, &err) == 0,
	   "heal's own rules load lazily");
	is_int(heal_rules_count(rs), heal_rules_count(all), "the same rules");
	ok(heal_rules_compile(rs, &err) == 0, "and every one compiles: %s", err.msg);
	heal_rules_free(rs);
	heal_rules_free(all);

	snprintf(path, sizeof(path), "%s/lazy.json", dir);
	write_text(path, bad);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, 0, &eager) < 0 && eager.code == HEAL_ERR_INPUT,
	   "eagerly, a bad regex fails the load");
	contains(eager.msg, "lazy.json:3: rule 't.bad': field 'message': bad regular expression",
		 "named by file, line, rule and field");
	heal_rules_free(rs);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, HEAL_RULES_LAZY, &err) == 0, "lazily, the load succeeds");
	ok(apply(rs, "gcc", &n, &err) == 0, "a record the bad rule does not reach: no error");
	ok(apply(rs, "gcc", &n, &err) == 0, "twice");
	ok(apply(rs, "make", &n, &err) < 0 && err.code == HEAL_ERR_INPUT,
	   "a record that reaches it: the analysis fails");
	is_str(err.msg, eager.msg, "with the message of the eager load");
	ok(apply(rs, "make", &n, &err) < 0 && strcmp(err.msg, eager.msg) == 0,
	   "and again the next time");
	ok(heal_rules_compile(rs, &err) < 0 && strcmp(err.msg, eager.msg) == 0,
	   "heal_rules_compile reports it too");
	heal_rules_free(rs);

	write_text(path, badvar);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, 0, &eager) < 0, "eagerly, an unknown variable fails the load");
	heal_rules_free(rs);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, HEAL_RULES_LAZY, &err) == 0 &&
	   apply(rs, "sh", &n, &err) < 0, "lazily, when the rule is first used");
	is_str(err.msg, eager.msg, "with the same message");
	heal_rules_free(rs);
	unlink(path);
}


/*
 * Apply the rule file text to an error record of tool and message at
 * file:line; the first candidate's description into desc (empty: none)
 * and the number of its edits.
 */
static size_t apply_at(const char *text, const char *tool, const char *message,
		       const char *file, int line, char *desc, size_t desclen)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_rules *rs = heal_rules_new();
	struct heal_root root;
	struct heal_sources src;
	struct heal_cands cands;
	struct heal_rule_verdict vd;
	struct heal_buf b;
	struct heal_json *rec, *edits;
	char path[256];
	size_t n = 0;

	*desc = '\0';
	snprintf(path, sizeof(path), "%s/.r.json", dir);
	write_text(path, text);
	if (heal_rules_load(rs, path, 0, &err) < 0 || heal_root_open(&root, dir, &err) < 0) {
		fprintf(stderr, "# %s\n", err.msg);
		heal_rules_free(rs);
		unlink(path);
		return 0;
	}
	unlink(path);
	heal_buf_init(&b, 4096);
	heal_buf_putf(&b, "{\"v\":1,\"kind\":\"error\",\"tool\":\"%s\","
		      "\"message\":\"%s\",\"file\":\"%s\",\"line\":%d}",
		      tool, message, file, line);
	rec = heal_json_parse(b.data, b.len, NULL, &err);
	heal_buf_release(&b);
	heal_sources_init(&src, &root);
	heal_cands_init(&cands);
	if (rec && heal_rules_apply(rs, &src, rec, file, &cands, &vd, NULL, &err) == 0) {
		if (cands.n > 0) {
			const char *d = heal_json_object_get_str(cands.v[0].fix, "description");

			snprintf(desc, desclen, "%s", d ? d : "");
			edits = heal_json_object_get(cands.v[0].fix, "edits");
			n = edits ? edits->u.arr.n : 0;
		}
		heal_rule_verdict_release(&vd);
	}
	heal_cands_release(&cands);
	heal_sources_release(&src);
	heal_json_free(rec);
	heal_root_close(&root);
	heal_rules_free(rs);
	return n;
}

/* holds's only, once and from; a closest source's templated suffix; tab-indent's all. */
static void test_resolvers(void)
{
	static const char holds[] =
		"{\"v\":1,\"rules\":[{\"id\":\"t.h\",\"message\":\"^(?<n>\\\\w+)$\","
		"\"holds\":{\"text\":\"${n}\",\"once\":false,\"only\":[\".h\"],\"from\":\"${dir}\",\"as\":\"h\"},"
		"\"action\":\"add-include\",\"args\":{\"header\":\"${h}\",\"system\":false},"
		"\"category\":\"name\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\","
		"\"description\":\"include ${h}\"}]}";
	static const char suffix[] =
		"{\"v\":1,\"rules\":[{\"id\":\"t.s\",\"message\":\"^(?<stem>\\\\w+)\\\\.(?<ext>\\\\w+)$\","
		"\"closest\":{\"name\":\"${stem}\",\"from\":[{\"entries\":\"src\",\"type\":\"file\",\"suffix\":\".${ext}\",\"strip\":true}],\"as\":\"good\"},"
		"\"action\":\"none\",\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"},"
		"{\"id\":\"t.s2\",\"message\":\"^(?<stem>\\\\w+)\\\\.(?<ext>\\\\w+)$\","
		"\"closest\":{\"name\":\"${stem}\",\"from\":[{\"entries\":\"src\",\"type\":\"file\",\"suffix\":\".${ext}\",\"strip\":true}],\"as\":\"good\"},"
		"\"action\":\"replace\",\"args\":{\"old\":\"${stem}.${ext}\",\"new\":\"${good}.${ext}\",\"scope\":\"file\",\"file\":\"Makefile\"},"
		"\"category\":\"name\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\",\"description\":\"use ${good}.${ext}\"}]}";
	static const char twin[] =
		"{\"v\":1,\"rules\":[{\"id\":\"t.c\",\"message\":\"^(?<n>\\\\w+)$\","
		"\"closest\":{\"name\":\"${n}\",\"from\":[{\"identifiers\":true}],\"case\":true,\"as\":\"good\"},"
		"\"action\":\"replace\",\"args\":{\"old\":\"${n}\",\"new\":\"${good}\"},"
		"\"category\":\"name\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\",\"description\":\"use ${good}\"}]}";
	static const char single[] =
		"{\"v\":1,\"rules\":[{\"id\":\"t.v\",\"message\":\"^(?<n>\\\\w+)$\","
		"\"single\":{\"from\":[{\"regex\":\"(?m)^${n} = (\\\\S+)$\",\"suffix\":\".tf\"}],\"as\":\"val\"},"
		"\"action\":\"replace\",\"args\":{\"old\":\"var.${n}\",\"new\":\"${val}\"},"
		"\"category\":\"name\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\",\"description\":\"use ${val}\"}]}";
	static const char tabs[] =
		"{\"v\":1,\"rules\":[{\"id\":\"t.t\",\"message\":\"x\",\"action\":\"tab-indent\",\"args\":{\"all\":%s},"
		"\"category\":\"syntax\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\",\"description\":\"d\"}]}";
	char p[512], desc[256], rule[1024];

	snprintf(p, sizeof(p), "%s/sub", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/sub/shape.h", dir);
	write_text(p, "struct shape { int w; };\nint area(struct shape s);\n");
	snprintf(p, sizeof(p), "%s/sub/main.c", dir);
	write_text(p, "int main(void) { return 0; }\n");
	snprintf(p, sizeof(p), "%s/sub/notes.txt", dir);
	write_text(p, "shape area\n");
	is_int(apply_at(holds, "gcc", "shape", "sub/main.c", 1, desc, sizeof(desc)), 1,
	       "holds: the one header (only .h) naming the tag, twice (once false)");
	is_str(desc, "include shape.h", "spelled from the file's directory (from)");
	snprintf(p, sizeof(p), "%s/other.h", dir);
	write_text(p, "int area(int);\n");
	is_int(apply_at(holds, "gcc", "area", "sub/main.c", 1, desc, sizeof(desc)), 0,
	       "holds: two headers naming it give no answer");
	unlink(p);
	snprintf(p, sizeof(p), "%s/up.h", dir);
	write_text(p, "int lonely(void);\n");
	is_int(apply_at(holds, "gcc", "lonely", "sub/main.c", 1, desc, sizeof(desc)), 0,
	       "holds: a header outside from gives no answer");
	unlink(p);

	snprintf(p, sizeof(p), "%s/src", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/src/util.c", dir);
	write_text(p, "\n");
	snprintf(p, sizeof(p), "%s/src/utils2.h", dir);
	write_text(p, "\n");
	snprintf(p, sizeof(p), "%s/Makefile", dir);
	write_text(p, "app: utils.c\n");
	is_int(apply_at(suffix, "make", "utils.c", "Makefile", 1, desc, sizeof(desc)), 1,
	       "closest: a templated suffix (.${ext}) picks the entry of that suffix");
	is_str(desc, "use util.c", "util.c, not utils2.h");

	/* closest by letter case only: the one twin, none of two */
	snprintf(p, sizeof(p), "%s/case.c", dir);
	write_text(p, "int FLT_MAX;\nint main(void) { return flt_max; }\n");
	is_int(apply_at(twin, "gcc", "flt_max", "case.c", 2, desc, sizeof(desc)), 1,
	       "closest case: the name in other letter case");
	is_str(desc, "use FLT_MAX", "FLT_MAX for flt_max");
	write_text(p, "int FLT_MAX, Flt_Max;\nint main(void) { return flt_max; }\n");
	is_int(apply_at(twin, "gcc", "flt_max", "case.c", 2, desc, sizeof(desc)), 0,
	       "closest case: two twins give no answer");
	write_text(p, "int flt_mix;\nint main(void) { return flt_max; }\n");
	is_int(apply_at(twin, "gcc", "flt_max", "case.c", 2, desc, sizeof(desc)), 0,
	       "closest case: a name one edit away is no twin");
	unlink(p);

	/* single: the one value the module's files give */
	snprintf(p, sizeof(p), "%s/src", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/src/main.tf", dir);
	write_text(p, "x = var.region\n");
	snprintf(rule, sizeof(rule), "%s/src/vars.tf", dir);
	write_text(rule, "region = \"eu\"\nzone = 1\n");
	is_int(apply_at(single, "terraform", "region", "src/main.tf", 1, desc, sizeof(desc)), 1,
	       "single: the one value, from another file of the directory");
	is_str(desc, "use \"eu\"", "its text as written");
	write_text(p, "x = var.region\nregion = \"eu\"\n");
	is_int(apply_at(single, "terraform", "region", "src/main.tf", 1, desc, sizeof(desc)), 1,
	       "single: the same value twice is one");
	write_text(p, "x = var.region\nregion = \"us\"\n");
	is_int(apply_at(single, "terraform", "region", "src/main.tf", 1, desc, sizeof(desc)), 0,
	       "single: two different values give no answer");
	is_int(apply_at(single, "terraform", "zonal", "src/main.tf", 1, desc, sizeof(desc)), 0,
	       "single: no value gives no answer");
	{
		static const char undeclared[] =
			"{\"v\":1,\"rules\":[{\"id\":\"t.u\",\"message\":\"^(?<n>\\\\w+)$\","
			"\"single\":{\"from\":[{\"regex\":\"\\\\bvar\\\\.(\\\\w+)\",\"suffix\":\".tf\"}],"
			"\"except\":[{\"regex\":\"(?m)^variable (\\\\w+)\",\"suffix\":\".tf\"}],\"as\":\"good\"},"
			"\"action\":\"replace\",\"args\":{\"old\":\"variable ${n}\",\"new\":\"variable ${good}\"},"
			"\"category\":\"name\",\"severity\":3,\"confidence\":0.9,\"root_cause\":\"r\",\"description\":\"use ${good}\"}]}";

		write_text(p, "variable a\nvariable a\nx = var.a + var.b\n");
		is_int(apply_at(undeclared, "terraform", "a", "src/main.tf", 2, desc, sizeof(desc)), 1,
		       "single except: the one name used and not declared");
		is_str(desc, "use b", "b, not a");
		write_text(p, "variable a\nvariable a\nx = var.a + var.b + var.c\n");
		is_int(apply_at(undeclared, "terraform", "a", "src/main.tf", 2, desc, sizeof(desc)), 0,
		       "single except: two such names give no answer");
	}
	unlink(p);
	unlink(rule);
	{
		struct heal_error e = HEAL_ERROR_INIT;
		struct heal_rules *rs = heal_rules_new();

		snprintf(p, sizeof(p), "%s/single.json", dir);
		write_text(p, "{\"v\":1,\"rules\":[{\"id\":\"t.n\",\"message\":\"x\",\"single\":{\"as\":\"v\"},"
			   "\"action\":\"none\",\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"}]}");
		ok(heal_rules_load(rs, p, 0, &e) < 0 && strstr(e.msg, "needs a 'from' array"),
		   "single without from fails the load: %s", e.msg);
		heal_rules_free(rs);
		unlink(p);
	}

	snprintf(p, sizeof(p), "%s/Makefile", dir);
	write_text(p, "a:\n    x\n    y\nb = 1\n\ndefine D\n    z\nendef\nc: a \\\n    d\n    w\ne:\n  v\n");
	snprintf(rule, sizeof(rule), tabs, "false");
	is_int(apply_at(rule, "make", "x", "Makefile", 2, desc, sizeof(desc)), 2,
	       "tab-indent: the reported recipe only");
	snprintf(rule, sizeof(rule), tabs, "true");
	is_int(apply_at(rule, "make", "x", "Makefile", 2, desc, sizeof(desc)), 4,
	       "tab-indent all: and the recipes of the rules below, a continued header's too (not a define block)");
	unlink(p);
	snprintf(p, sizeof(p), "%s/src/util.c", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/src/utils2.h", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/src", dir);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/sub/shape.h", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/sub/main.c", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/sub/notes.txt", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/sub", dir);
	rmdir(p);
}

/*
 * heal's own files are skimmed (HEAL_RULES_LAZY): a part of a file is
 * parsed when a record first needs it, a rule when a record of its tool
 * and env reaches it, a table on its first look-up.  What a skim cannot
 * vouch for loads the file whole.
 */
static void test_skim(void)
{
	static const char a[] =
		"{\"v\":1,\"tables\":{\"good\":{\"x\":\"from-a\"},\n"
		"\"bad\":{\"k\": tru}, \"esc\":{\"\\u0061bc\":\"v\"}},\n"
		"\"rules\":[\n"
		"{\"id\":\"a.gcc\",\"tool\":\"gcc\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"good\",\"key\":\"x\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"found ${v}\"},\n"
		"{\"id\":\"a.make\",\"tool\":[\"make\"],\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"bad\",\"key\":\"k\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"},\n"
		"{\"id\":\"a.cc\",\"tool\":\"cc\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"bad\",\"key\":\"absent\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"},\n"
		"{\"id\":\"a.cxx\",\"tool\":\"c++\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"esc\",\"key\":\"abc\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"found ${v}\"},\n"
		"{\"id\":\"a.sh\",\"tool\":\"sh\",\"env\":\"shell\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"category\":\"colour\",\"severity\":3,\"root_cause\":\"r\"}\n"
		"]}\n";
	static const char a_json[] =
		"{\"v\":1,\"tables\":{\"good\":{\"x\":\"from-a\"},\n"
		"\"bad\":{\"k\": true}},\n"
		"\"rules\":[\n"
		"{\"id\":\"a.gcc\",\"tool\":\"gcc\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"good\",\"key\":\"x\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"found ${v}\"},\n"
		"{\"id\":\"a.make\",\"tool\":[\"make\"],\"message\":\"x\",\"action\":\"none\",\n"
		" \"lookup\":{\"table\":\"bad\",\"key\":\"k\",\"as\":\"v\"},\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"},\n"
		"{\"id\":\"a.sh\",\"tool\":\"sh\",\"env\":\"shell\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"category\":\"colour\",\"severity\":3,\"root_cause\":\"r\"}\n"
		"]}\n";
	static const char b[] =
		"{\"v\":1,\"rules\":[\n"
		"{\"id\":\"b.py\",\"tool\":[\"python\",\"pytest\"],\"message\":\"x\",\"action\":\"none\",\n"
		" \"category\":\"name\",\"severity\":01,\"root_cause\":\"r\"}]}\n";
	static const char user[] =
		"{\"v\":1,\"tables\":{\"good\":{\"x\":\"from-user\"}}}\n";
	static const char escaped[] =
		"{\"v\":1,\"rules\":[\n"
		"{\"id\":\"e.gcc\",\"\\u0074ool\":\"gcc\",\"message\":\"x\",\"action\":\"none\",\n"
		" \"category\":\"name\",\"severity\":3,\"root_cause\":\"escaped\"}]}\n";
	struct heal_error err = HEAL_ERROR_INIT, eager = HEAL_ERROR_INIT;
	struct heal_rules *rs;
	char sub[300], sub2[400], path[400], cause[256];
	size_t n = 0;

	snprintf(sub, sizeof(sub), "%s/skim", dir);
	ok(mkdir(sub, 0700) == 0, "a rule directory");
	snprintf(path, sizeof(path), "%s/a.json", sub);
	write_text(path, a);
	snprintf(path, sizeof(path), "%s/b.json", sub);
	write_text(path, b);

	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, 0, &eager) < 0 && eager.code == HEAL_ERR_INPUT,
	   "eagerly, the directory's bad JSON fails the load");
	heal_rules_free(rs);

	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, HEAL_RULES_LAZY, &err) == 0, "lazily, it loads: %s", err.msg);
	is_int(heal_rules_count(rs), 6, "with every rule of both files");
	ok(apply_cause(rs, "gcc", &n, cause, sizeof(cause), &err) == 0,
	   "a gcc record: only a.json's rules and table 'good' are parsed: %s", err.msg);
	is_str(cause, "found from-a", "the rule looked its table up");
	ok(apply(rs, "python", &n, &err) < 0 && err.code == HEAL_ERR_INPUT,
	   "a python record reaches b.json's rules, which do not parse");
	contains(err.msg, "b.json:3: ", "named by file and line");
	ok(apply(rs, "cc", &n, &err) == 0,
	   "a key that table 'bad' does not hold as text: no look-up, no parse: %s", err.msg);
	ok(apply_cause(rs, "c++", &n, cause, sizeof(cause), &err) == 0, "a table with an escape");
	is_str(cause, "found v", "is parsed for the look-up, its escaped key found");
	ok(apply(rs, "make", &n, &err) < 0 && err.code == HEAL_ERR_INPUT,
	   "a make record's rule looks up table 'bad', which does not parse");
	contains(err.msg, "a.json:2: ", "named by file and line");
	ok(apply(rs, "sh", &n, &err) == 0, "a sh record without env 'shell' does not reach a.sh");
	heal_rules_free(rs);

	/* a rule's load errors come when it is first used, as an eager load gives them */
	snprintf(path, sizeof(path), "%s/b.json", sub);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.json", sub);
	write_text(path, a_json);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, 0, &eager) < 0, "eagerly, a.json's unknown category fails the load");
	heal_rules_free(rs);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, path, HEAL_RULES_LAZY, &err) == 0, "lazily, a.json loads");
	ok(apply(rs, "gcc", &n, &err) == 0, "a gcc record does not reach a.sh");
	ok(apply(rs, "sh", &n, &err) == 0, "a sh record without env 'shell' does not reach a.sh");
	ok(heal_rules_compile(rs, &err) < 0, "heal_rules_compile loads every rule");
	is_str(err.msg, eager.msg, "with the eager load's message");
	ok(heal_rules_compile(rs, &err) < 0 && strcmp(err.msg, eager.msg) == 0,
	   "and again the next time");
	heal_rules_free(rs);

	/* ids: a user's rule may not take the id of a skimmed one, nor may two skimmed rules share one */
	snprintf(path, sizeof(path), "%s/user.json", dir);
	write_text(path, "{\"v\":1,\"rules\":[\n{\"id\":\"a.gcc\",\"message\":\"x\",\"action\":\"none\","
		   "\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"}]}\n");
	snprintf(sub2, sizeof(sub2), "%s/a.json", sub);
	write_text(sub2, a_json);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, 0, &eager) < 0, "eagerly, a.json alone fails (a.sh)");
	heal_rules_free(rs);
	{
		/* a.json without its bad rule */
		char *good = strdup(a_json), *bad = strstr(good, ",\n{\"id\":\"a.sh\"");

		memcpy(bad, "\n]}\n", 5);
		write_text(sub2, good);
		free(good);
	}
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, 0, &err) == 0 && heal_rules_load(rs, path, 0, &eager) < 0,
	   "eagerly, a user's rule with the id of one of heal's is refused");
	heal_rules_free(rs);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, HEAL_RULES_LAZY, &err) == 0 &&
	   heal_rules_load(rs, path, 0, &err) < 0, "and after a skim, at start-up too");
	is_str(err.msg, eager.msg, "with the same message");
	heal_rules_free(rs);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.json", sub);
	write_text(path, "{\"v\":1,\"rules\":[\n{\"id\":\"a.gcc\",\"message\":\"x\",\"action\":\"none\","
		   "\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"}]}\n");
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, 0, &eager) < 0, "eagerly, two files of one directory with one id fail");
	heal_rules_free(rs);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, HEAL_RULES_LAZY, &err) < 0, "and skimmed, at load too");
	is_str(err.msg, eager.msg, "with the same message");
	heal_rules_free(rs);
	unlink(path);

	/* a later file's table of the same name extends the skimmed one */
	snprintf(path, sizeof(path), "%s/user.json", dir);
	write_text(path, user);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, HEAL_RULES_LAZY, &err) == 0 &&
	   heal_rules_load(rs, path, 0, &err) == 0, "a skimmed directory, then a user's file");
	ok(apply_cause(rs, "gcc", &n, cause, sizeof(cause), &err) == 0 &&
	   strcmp(cause, "found from-user") == 0, "the user's table overrides the skimmed one, loaded first");
	heal_rules_free(rs);
	unlink(path);

	/* an escaped member name: the file loads whole, and its rule keeps its tool */
	snprintf(path, sizeof(path), "%s/a.json", sub);
	write_text(path, escaped);
	rs = heal_rules_new();
	ok(heal_rules_load(rs, sub, HEAL_RULES_LAZY, &err) == 0, "a file with an escaped key loads");
	ok(apply_cause(rs, "gcc", &n, cause, sizeof(cause), &err) == 0 &&
	   strcmp(cause, "escaped") == 0, "its rule applies to its tool");
	ok(apply_cause(rs, "make", &n, cause, sizeof(cause), &err) == 0 &&
	   strcmp(cause, "") == 0, "and to no other");
	heal_rules_free(rs);
	unlink(path);
	rmdir(sub);
}

#define RULE(extra) "{\"v\":1,\"rules\":[\n{\"id\":\"t.a\",\"message\":\"x\",\"action\":\"none\"," \
	"\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"" extra "}\n]}\n"

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_vars v;
	struct heal_buf b;
	const char *c[] = { "count", "canto", "amount", "counter" };
	const char *d[] = { "web", "db" };
	const char *e[] = { "width", "widht2", "wdith" };

	if (!mkdtemp(dir))
		return 1;
	ok(load_text(RULE(""), &err) == 0, "a minimal rule loads");
	ok(load_text("{\"v\":1,\"rules\":[\n{\"id\":\"t.a\",\"message\":\"(x\",\"action\":\"none\","
		     "\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\"}]}", &err) < 0 &&
	   err.code == HEAL_ERR_INPUT, "a bad regex is refused");
	contains(err.msg, "r.json:2: rule 't.a': field 'message': bad regular expression", "and named");
	ok(load_text("{\"v\":1,\"rules\":[{\"message\":\"x\"}]}", &err) < 0, "a rule without id");
	contains(err.msg, "rule 1: field 'id': missing", "names the index and field");
	ok(load_text(RULE(",\"severity\":11"), &err) < 0, "severity out of range");
	ok(load_text(RULE(",\"colour\":1"), &err) < 0, "an unknown field");
	contains(err.msg, "field 'colour': unknown field", "is named");
	ok(load_text("{\"v\":1,\"rules\":[{\"id\":\"t.b\",\"message\":\"x\",\"action\":\"replace\",\"args\":{\"old\":\"a\"},"
		     "\"category\":\"name\",\"severity\":3,\"confidence\":0.5,\"root_cause\":\"r\",\"description\":\"d\"}]}", &err) < 0,
	   "a missing action argument");
	contains(err.msg, "field 'args.new': missing", "is named");
	ok(load_text("{\"v\":1,\"rules\":[{\"id\":\"t.c\",\"message\":\"(?<who>x)\",\"action\":\"replace\",\"args\":{\"old\":\"${who}\",\"new\":\"${nobody}\"},"
		     "\"category\":\"name\",\"severity\":3,\"confidence\":0.5,\"root_cause\":\"r\",\"description\":\"d\"}]}", &err) < 0,
	   "an unknown template variable");
	contains(err.msg, "unknown variable '${nobody}'", "is named");
	ok(load_text("{\"v\":1,\n\"rules\": [ ,\n]}", &err) < 0, "a JSON syntax error");
	contains(err.msg, "r.json:2:", "gives the line");
	ok(load_text("{\"v\":2,\"rules\":[]}", &err) < 0, "a wrong version");
	ok(load_text("[]", &err) < 0, "not an object");
	ok(load_text(RULE("},\n" "{\"id\":\"t.a\",\"message\":\"y\",\"action\":\"none\",\"category\":\"name\",\"severity\":3,\"root_cause\":\"r\""), &err) < 0,
	   "a duplicate id");
	{
		struct heal_rules *rs = heal_rules_new();

		ok(heal_rules_load(rs, "/nonexistent/x.json", 0, &err) < 0 && err.code == HEAL_ERR_IO,
		   "a missing file is an I/O error");
		heal_rules_free(rs);
	}

	test_lazy();
	test_resolvers();
	test_skim();

	/* templates */
	heal_vars_init(&v);
	heal_vars_set(&v, "name", "a.b(c)");
	heal_buf_init(&b, 1024);
	ok(heal_tmpl_expand(&v, "x=${name} $$1", false, &b, &err) == 0, "expand");
	is_str(heal_buf_str(&b), "x=a.b(c) $1", "value and $$");
	heal_buf_reset(&b);
	ok(heal_tmpl_expand(&v, "^${name}$", true, &b, &err) == 0, "expand for a regex");
	is_str(heal_buf_str(&b), "^a\\.b\\(c\\)$", "escaped");
	heal_buf_reset(&b);
	ok(heal_tmpl_expand(&v, "${missing}", false, &b, &err) < 0, "an unset variable fails");
	ok(heal_tmpl_expand(&v, "${bad", false, &b, &err) < 0, "a malformed reference fails");
	heal_buf_release(&b);
	heal_vars_release(&v);

	/* closest names */
	is_int(heal_edit_distance("conut", 5, "count", 5, 3), 1, "a transposition is one edit");
	is_int(heal_edit_distance("abc", 3, "xyz", 3, 3), 3, "three substitutions");
	is_str(heal_closest("conut", c, 4, 0), "count", "the unique closest name");
	ok(heal_closest("zzzzz", c, 4, 0) == NULL, "nothing close");
	is_str(heal_closest("webserver", d, 2, 0), "web", "a prefix when nothing is within distance");
	ok(heal_closest("widht", e, 3, 0) == NULL, "two names at the same distance: no answer");
	rmdir(dir);
	return tap_done();
}
