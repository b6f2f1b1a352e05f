/*
 * test-reach.c - errors a re-run reaches only once the fixes removed what
 * stopped it before (lib/validate/heal_reach.c), here by the stages of a
 * language's checking (heal_lang's stages): a YAML parser's error hides its
 * constructor's and ansible's; HCL's parser's hide Terraform's loading,
 * which hides references.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_lang.h"
#include "heal_reach.h"
#include "tap.h"

static struct heal_json *parse(const char *s)
{
	struct heal_json *j = heal_json_parse(s, strlen(s), NULL, NULL);

	if (!j)
		printf("# cannot parse %s\n", s);
	return j;
}

/* Whether the re-run's error rec (JSON) is reached after fix (JSON). */
static bool reached(const struct heal_root *root, const char *fix, const char *rec)
{
	struct heal_json *f = parse(fix), *r = parse(rec);
	const struct heal_json *fx[1];
	bool b;

	fx[0] = f;
	b = f && r && heal_reach_run(root, r, fx, 1);
	heal_json_free(f);
	heal_json_free(r);
	return b;
}

/* A fix record: applied to FILE at line 10 (one line replaced), for an
 * error with message M and detail D. */
#define FIX(file, m, d) \
	"{\"status\":\"applied\",\"files\":[\"" file "\"],\"diff\":\"--- a/" file \
	"\\n+++ b/" file "\\n@@ -10,1 +10,1 @@\\n-        var: y\\n+       var: y\\n\"," \
	"\"error\":{\"id\":\"e1\",\"tool\":\"ansible\",\"file\":\"" file "\",\"line\":10," \
	"\"category\":\"syntax\",\"message\":\"" m "\",\"detail\":\"" d "\"}}"
#define UNREAD "We were unable to read either as JSON nor YAML, these are the errors we got from each:"

int main(void)
{
	const struct heal_lang *yaml = heal_lang_by_name("ansible");
	const struct heal_lang *hcl = heal_lang_by_name("terraform");
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_root root;
	char dir[] = "/tmp/heal-test-reach-XXXXXX";

	/* the stages: by message or detail, the earliest first */
	ok(heal_lang_stage(yaml, UNREAD, "did not find expected key") == 0,
	   "YAML: a parser's error (its detail) is stage 0");
	ok(heal_lang_stage(yaml, UNREAD, "found unacceptable key (unhashable type: 'AnsibleMapping')") == 1,
	   "YAML: an unhashable key, which the constructor finds, is stage 1");
	ok(heal_lang_stage(yaml, "conflicting action statements: debug, command", NULL) == 1,
	   "ansible's loading: stage 1");
	ok(heal_lang_stage(hcl, "Invalid multi-line string", NULL) == 0 &&
	   heal_lang_stage(hcl, "Unsupported block type", NULL) == 1 &&
	   heal_lang_stage(hcl, "Reference to undeclared input variable", NULL) == 2,
	   "HCL: the parser's, Terraform's loading, then references");
	ok(heal_lang_stage(hcl, "Missing close bracket on index", NULL) == 0 &&
	   heal_lang_stage(hcl, "Some message of a later release", NULL) == -1,
	   "HCL: a parser's error is never taken for a later stage's; one no stage names has none");
	ok(heal_lang_stage(heal_lang_by_name("c"), "expected ';'", NULL) == -1 &&
	   heal_lang_stage(yaml, NULL, NULL) == -1,
	   "a language without stages, or an error without text: none");

	if (!ok(mkdtemp(dir) != NULL && heal_root_open(&root, dir, &err) == 0, "a root"))
		return tap_done();

	/* a playbook: the parser's error at line 10 fixed, the constructor's
	 * at line 6 shows */
	ok(reached(&root, FIX("a.yml", UNREAD, "did not find expected key"),
		   "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":6,\"category\":\"syntax\","
		   "\"message\":\"" UNREAD "\",\"detail\":\"found unacceptable key (unhashable type)\"}"),
	   "a later stage's error at a line the fix did not change: reached");
	ok(!reached(&root, FIX("a.yml", UNREAD, "did not find expected key"),
		    "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":10,\"category\":\"syntax\","
		    "\"message\":\"" UNREAD "\",\"detail\":\"found unacceptable key (unhashable type)\"}"),
	   "at the line the fix changed: the fix's own");
	ok(!reached(&root, FIX("a.yml", UNREAD, "did not find expected key"),
		    "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":3,\"category\":\"syntax\","
		    "\"message\":\"" UNREAD "\",\"detail\":\"mapping values are not allowed here\"}"),
	   "another error of the same stage: not reached (the parser would have stopped there)");
	ok(reached(&root, FIX("a.yml", UNREAD, "mapping values are not allowed here"),
		   "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":14,\"category\":\"syntax\","
		   "\"message\":\"" UNREAD "\",\"detail\":\"mapping values are not allowed here\"}"),
	   "the same parser error past the fixed line: the YAML parser never got there");
	ok(!reached(&root, FIX("a.yml", UNREAD, "mapping values are not allowed here"),
		    "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":14,\"category\":\"syntax\","
		    "\"message\":\"" UNREAD "\",\"detail\":\"found unexpected end of stream\"}"),
	   "another kind past it (a quote the fix left open): the fix's own");
	ok(!reached(&root, FIX("a.yml", UNREAD, "found unacceptable key"),
		    "{\"tool\":\"ansible\",\"file\":\"a.yml\",\"line\":3,\"category\":\"syntax\","
		    "\"message\":\"conflicting action statements: debug, command\"}"),
	   "a fixed error of the last stage reveals no later one");
	ok(reached(&root, FIX("a.yml", UNREAD, "did not find expected key"),
		   "{\"tool\":\"ansible\",\"file\":\"roles/r/tasks/main.yml\",\"line\":10,\"category\":\"syntax\","
		   "\"message\":\"conflicting action statements: debug, command\"}"),
	   "in a file no fix changed, at any line: reached");
	/* a fix that took away the name the new error quotes made it */
	ok(!reached(&root,
		    "{\"status\":\"applied\",\"files\":[\"m.tf\"],\"diff\":\"--- a/m.tf\\n+++ b/m.tf\\n"
		    "@@ -3,1 +3,1 @@\\n-resorce \\\"terraform_data\\\" \\\"web\\\" {\\n+resource \\\"terraform_data\\\" \\\"webb\\\" {\\n\","
		    "\"error\":{\"tool\":\"terraform\",\"file\":\"m.tf\",\"line\":3,\"category\":\"name\","
		    "\"message\":\"Unsupported block type\"}}",
		    "{\"tool\":\"terraform\",\"file\":\"m.tf\",\"line\":9,\"category\":\"name\","
		    "\"message\":\"Reference to undeclared resource 'web'\"}"),
	   "a later stage's error naming what the fix took away (web, now webb): not reached");
	ok(reached(&root,
		   "{\"status\":\"applied\",\"files\":[\"m.tf\"],\"diff\":\"--- a/m.tf\\n+++ b/m.tf\\n"
		   "@@ -3,1 +3,1 @@\\n-resorce \\\"terraform_data\\\" \\\"web\\\" {\\n+resource \\\"terraform_data\\\" \\\"web\\\" {\\n\","
		   "\"error\":{\"tool\":\"terraform\",\"file\":\"m.tf\",\"line\":3,\"category\":\"name\","
		   "\"message\":\"Unsupported block type\"}}",
		   "{\"tool\":\"terraform\",\"file\":\"m.tf\",\"line\":9,\"category\":\"name\","
		   "\"message\":\"Reference to undeclared input variable\",\"detail\":\"A variable named envv was not declared.\"}"),
	   "Terraform: a reference once a top-level block's type is mended: reached");
	/* a play's failed task mended: the run goes on to a task whose
	 * error names no line */
#define RUNFIX(added) \
	"{\"status\":\"applied\",\"files\":[\"p.yml\"],\"diff\":\"--- a/p.yml\\n+++ b/p.yml\\n" \
	"@@ -7,1 +7,1 @@\\n-        msg: x\\n+        " added "\\n\"," \
	"\"error\":{\"tool\":\"ansible\",\"file\":\"p.yml\",\"line\":6,\"category\":\"name\"," \
	"\"message\":\"'dict object' has no attribute 'stdot'\"}}"
	ok(reached(&root, RUNFIX("msg: \\\"{{ out.stdout }}\\\""),
		   "{\"tool\":\"ansible\",\"file\":\"p.yml\",\"category\":\"dependency\","
		   "\"message\":\"Could not find or access '/w/tsks.yml' on the Ansible Controller.\"}"),
	   "ansible: a failed task mended, the next task's error without a line: reached");
	ok(!reached(&root, RUNFIX("include_tasks: tsks.yml"),
		    "{\"tool\":\"ansible\",\"file\":\"p.yml\",\"category\":\"dependency\","
		    "\"message\":\"Could not find or access '/w/tsks.yml' on the Ansible Controller.\"}"),
	   "but not one quoting what the fix wrote");
	ok(!reached(&root, RUNFIX("msg: x2"),
		    "{\"tool\":\"ansible\",\"file\":\"other.yml\",\"category\":\"dependency\","
		    "\"message\":\"Could not find or access '/w/tsks.yml' on the Ansible Controller.\"}"),
	   "nor one in another file");
	/* Python: a run-time error mended on a line, the run goes on to the
	 * line's next error, told by a quoted name outside the edit */
#define PYFIX_OF(orig, added) \
	"{\"status\":\"applied\",\"files\":[\"a.py\"],\"diff\":\"--- a/a.py\\n+++ b/a.py\\n" \
	"@@ -3,1 +3,1 @@\\n-" orig "\\n+" added "\\n\"," \
	"\"error\":{\"tool\":\"python\",\"file\":\"a.py\",\"line\":3,\"category\":\"name\"," \
	"\"code\":\"AttributeError\",\"message\":\"'list' object has no attribute 'contains'\"}}"
#define PYFIX(added) PYFIX_OF("if words.contains(1) and d.containsKey(2):", added)
#define PYREC(m) \
	"{\"tool\":\"python\",\"file\":\"a.py\",\"line\":3,\"category\":\"name\"," \
	"\"code\":\"AttributeError\",\"message\":\"" m "\"}"
	ok(reached(&root, PYFIX("if 1 in words and d.containsKey(2):"),
		   PYREC("'dict' object has no attribute 'containsKey'")),
	   "Python: the line's next error, its second quoted name outside the edit: reached");
	ok(!reached(&root, PYFIX("if words.has(1) and d.containsKey(2):"),
		    PYREC("'list' object has no attribute 'has'")),
	   "one quoting a name the edit wrote: the fix's own");
	ok(!reached(&root, PYFIX("if 1 in words and d.containsKey(2):"),
		    PYREC("'int' object is not iterable")),
	   "one quoting no name of the line: the fix's own");
#define PYFIX2(added) PYFIX_OF("if words.contains(1) and d.count():", added)
	ok(reached(&root, PYFIX2("if 1 in words and d.count():"),
		   PYREC("list.count() takes exactly one argument (0 given)")),
	   "a called name the message gives (list.count()), outside the edit: reached");
	ok(!reached(&root, PYFIX2("if words.count(1) and d.count():"),
		    PYREC("list.count() takes exactly one argument (0 given)")),
	   "the same name written by the edit: the fix's own");
	heal_root_close(&root);
	rmdir(dir);
	return tap_done();
}
