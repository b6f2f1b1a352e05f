/* Regression guards: shape, id, and the append-once file discipline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_guard.h"
#include "fsfix.h"
#include "tap.h"

static struct heal_json *parse(const char *t)
{
	struct heal_error err = HEAL_ERROR_INIT;

	return heal_json_parse(t, strlen(t), NULL, &err);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *cmd = parse("[\"make\",\"-C\",\"src\"]");
	struct heal_json *fixed = parse("[{\"fingerprint\":\"00000000000000a1\",\"fix_id\":\"c.x.1\"},"
					"{\"fingerprint\":\"00000000000000a2\",\"fix_id\":\"c.y.1\"}]");
	struct heal_json *swapped = parse("[{\"fingerprint\":\"00000000000000a2\"},"
					  "{\"fingerprint\":\"00000000000000a1\"}]");
	struct heal_json *g, *h, *bad;
	struct heal_guards gs;
	struct heal_root root;
	char dir[] = "/tmp/heal-test-guard.XXXXXX";
	bool added;

	g = heal_guard_new(cmd, ".", fixed, 0, "run-1");
	ok(g && heal_guard_valid(g, &err), "a new guard is valid");
	h = heal_guard_new(cmd, ".", swapped, 100, NULL);
	ok(h && strcmp(heal_json_object_get_str(g, "id"),
		       heal_json_object_get_str(h, "id")) == 0,
	   "the id ignores the order of the fingerprints, the date and the run");
	heal_json_free(h);
	h = heal_guard_new(cmd, "src", fixed, 0, NULL);
	ok(h && strcmp(heal_json_object_get_str(g, "id"),
		       heal_json_object_get_str(h, "id")) != 0, "another cwd, another id");
	heal_json_free(h);
	ok(!heal_guard_new(cmd, "../up", fixed, 0, NULL), "a cwd outside the root is no guard");
	ok(!heal_guard_new(cmd, "/abs", fixed, 0, NULL), "an absolute cwd is no guard");
	bad = parse("{\"v\":1,\"kind\":\"guard\",\"id\":\"00000000000000a1\",\"command\":[\"ma\\nke\"],"
		    "\"cwd\":\".\",\"fixed\":[{\"fingerprint\":\"00000000000000a1\"}]}");
	ok(!heal_guard_valid(bad, &err), "a control character in a word is refused");
	contains(err.msg, "control character", "saying why");
	heal_json_free(bad);
	bad = parse("{\"v\":1,\"kind\":\"guard\",\"id\":\"00000000000000a1\",\"command\":[\"make\"],"
		    "\"cwd\":\".\",\"fixed\":[{\"fingerprint\":\"xyz\"}]}");
	ok(!heal_guard_valid(bad, NULL), "a fingerprint that is not 16 hex digits is refused");
	heal_json_free(bad);

	if (!mkdtemp(dir) || heal_root_open(&root, dir, &err) < 0) {
		ok(0, "cannot make a root: %s", err.msg);
		return tap_done();
	}
	ok(heal_guard_append(&root, g, &added, &err) == 0 && added, "appended");
	ok(heal_guard_append(&root, g, &added, &err) == 0 && !added, "the same guard again is not");
	heal_guards_init(&gs);
	ok(heal_guards_load(&gs, &root, &err) == 0 && gs.n == 1 && gs.skipped == 0,
	   "one guard read back");
	heal_guards_release(&gs);
	{
		char p[256];
		FILE *f;

		snprintf(p, sizeof(p), "%s/%s", dir, HEAL_GUARD_FILE);
		f = fopen(p, "a");
		fputs("{\"torn", f);
		fclose(f);
	}
	h = heal_guard_new(cmd, "src", fixed, 0, NULL);
	ok(heal_guard_append(&root, h, &added, &err) == 0 && added, "appended after a torn line");
	heal_guards_init(&gs);
	ok(heal_guards_load(&gs, &root, &err) == 0 && gs.n == 2 && gs.skipped == 1,
	   "the torn line is skipped, the new guard whole (%zu, %zu)", gs.n, gs.skipped);
	heal_guards_release(&gs);
	heal_json_free(h);
	heal_root_close(&root);
	fs_rm_tree(dir);
	ok(access(dir, F_OK) < 0, "clean up");
	heal_json_free(g);
	heal_json_free(cmd);
	heal_json_free(fixed);
	heal_json_free(swapped);
	return tap_done();
}
