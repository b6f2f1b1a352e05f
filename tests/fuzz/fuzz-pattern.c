/*
 * libFuzzer target: the pattern-file loader (heal_pattern_load_buffer,
 * heal format and GitHub problem matchers), set finishing (sorting, the
 * prefilter), and, when a file loads, the engine running its patterns
 * over a few probe lines (catastrophic ones included) under the match
 * limits.  Every record must pass heal_record_check.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzdir.h"
#include "heal_detect.h"
#include "heal_json.h"
#include "heal_pattern.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_utf8.h"

static struct heal_root root;
static struct heal_buf out;
static char probe[16384];
static size_t probe_len;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const char *dir = fuzz_dir_make("pattern");
	static const char *const lines[] = {
		"src/a.c:3:5: error: 'x' undeclared (first use in this function)\n",
		"a.c:1: warning: unused variable 'y' [-Wunused-variable]\n",
		"  File \"a.py\", line 2, in <module>\n",
		"ModuleNotFoundError: No module named 'foo'\n",
		"make[1]: Entering directory '/tmp/x'\n",
		"Error: Unsupported argument\n",
		"fatal: [host]: FAILED! => {\"msg\": \"x\"}\n",
		"\xff\xfe\xc0\xaf\x00 nul and bad utf-8: error: x\n",
		"a.sh: line 3: foo: command not found\r\n",
	};
	size_t i;

	(void)argc;
	(void)argv;
	if (!dir || heal_root_open(&root, dir, &err) < 0)
		abort();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		size_t n = strlen(lines[i]);

		if (lines[i][0] == '\xff')   /* the line holds a NUL */
			n = sizeof("\xff\xfe\xc0\xaf\x00 nul and bad utf-8: error: x\n") - 1;
		memcpy(probe + probe_len, lines[i], n);
		probe_len += n;
	}
	/* a line made for backtracking */
	memset(probe + probe_len, 'a', 3000);
	probe_len += 3000;
	memcpy(probe + probe_len, "!\n", 2);
	probe_len += 2;
	heal_buf_init(&out, 64u << 20);
	return 0;
}

static bool message_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (!heal_utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static int emit(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct heal_error e = HEAL_ERROR_INIT;

	(void)ctx;
	(void)err;
	if (heal_record_check(rec, &e) < 0) {
		fprintf(stderr, "fuzz-pattern: bad record: %s\n", e.msg);
		abort();
	}
	heal_buf_reset(&out);
	if (heal_json_serialize(&out, rec, &e) < 0 ||
	    !heal_utf8_valid(out.data, out.len))
		abort();
	heal_json_free(rec);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_pattern_set ps;
	struct heal_detect_options opt;
	struct heal_detect *d;

	heal_pattern_set_init(&ps);
	if (heal_pattern_load_buffer(&ps, "fuzz.json", (const char *)data, size,
				     NULL, &err) < 0 ||
	    (ps.n && heal_pattern_set_finish(&ps, &err) < 0)) {
		/* a failure says why, its input escaped */
		if (!err.msg[0] || !message_ok(err.msg))
			abort();
		heal_pattern_set_release(&ps);
		return 0;
	}
	if (ps.n == 0) {
		heal_pattern_set_release(&ps);
		return 0;
	}
	memset(&opt, 0, sizeof(opt));
	opt.patterns = &ps;
	opt.root = &root;
	opt.max_line = 4096;
	opt.emit = emit;
	d = heal_detect_new(&opt);
	if (heal_detect_begin(d, "probe.log", &err) == 0 &&
	    heal_detect_feed(d, probe, probe_len, &err) == 0 &&
	    heal_detect_end(d, &err) == 0)
		(void)heal_detect_finish(d, &err);
	heal_detect_free(d);
	heal_pattern_set_release(&ps);
	return 0;
}
