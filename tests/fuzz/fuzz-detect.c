/*
 * libFuzzer target: heal-detect's line matcher with every default pattern
 * file loaded.  Arbitrary bytes go through heal_detect_feed in odd-sized
 * chunks (the first byte picks the chunk size); every record that comes
 * out must pass heal_record_check, serialise to valid UTF-8 JSON that
 * parses back, and format as text without a raw control character.
 * The root holds a few source files so column conversion runs too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzzdir.h"
#include "heal_buf.h"
#include "heal_data.h"
#include "heal_detect.h"
#include "heal_json.h"
#include "heal_pattern.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_utf8.h"

static struct heal_pattern_set ps;
static struct heal_root root;
static struct heal_buf out;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const char *dir = fuzz_dir_make("detect");
	char *pdir;
	char sub[4096];

	(void)argc;
	(void)argv;
	put(dir, "a.c", "int main(void)\n{\n\treturn x;\t/* \xc3\xa9\xe2\x82\xac */\n}\n");
	put(dir, "a.py", "import foo\r\nprint(\"\xf0\x9f\x98\x80\", y)\r\n");
	snprintf(sub, sizeof(sub), "%s/src", dir);
	mkdir(sub, 0755);
	put(sub, "b.c", "\t\tint \xff\xfe bad;\n");
	heal_pattern_set_init(&ps);
	pdir = heal_data_path("patterns");
	if (heal_pattern_load_dir(&ps, pdir, NULL, HEAL_PATTERN_LAZY, &err) < 0 ||
	    heal_pattern_set_finish(&ps, &err) < 0 ||
	    heal_root_open(&root, dir, &err) < 0) {
		fprintf(stderr, "fuzz-detect: %s\n", err.msg);
		abort();
	}
	free(pdir);
	heal_buf_init(&out, 64u << 20);
	return 0;
}

static void check_text(const char *s, size_t n)
{
	size_t i = 0;

	if (!heal_utf8_valid(s, n))
		abort();
	while (i < n) {
		uint32_t cp;
		size_t k = heal_utf8_decode((const unsigned char *)s + i,
					    n - i, &cp);

		if (k == 0)
			abort();
		/* no raw C0, DEL or C1 control but the line ends */
		if ((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp < 0xa0))
			abort();
		i += k;
	}
}

static int emit(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_json *again;

	(void)ctx;
	(void)err;
	if (heal_record_check(rec, &e) < 0) {
		fprintf(stderr, "fuzz-detect: bad record: %s\n", e.msg);
		abort();
	}
	heal_buf_reset(&out);
	if (heal_json_serialize(&out, rec, &e) < 0)
		abort();
	if (!heal_utf8_valid(out.data, out.len) || memchr(out.data, '\n', out.len))
		abort();
	heal_json_limits_default(&lim);
	again = heal_json_parse(out.data, out.len, &lim, &e);
	if (!again || heal_record_check(again, &e) < 0) {
		fprintf(stderr, "fuzz-detect: record does not parse back: %s\n", e.msg);
		abort();
	}
	heal_json_free(again);
	heal_buf_reset(&out);
	heal_detect_format_text(&out, rec, false);
	check_text(out.data, out.len);
	heal_json_free(rec);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_detect_options opt;
	struct heal_detect *d;
	size_t pos = 0, chunk;

	if (size == 0)
		return 0;
	chunk = 1 + data[0] % 61;
	data++;
	size--;
	memset(&opt, 0, sizeof(opt));
	opt.patterns = &ps;
	opt.root = &root;
	opt.max_line = 4096;
	opt.emit = emit;
	d = heal_detect_new(&opt);
	if (heal_detect_begin(d, "fuzz.log", &err) < 0)
		abort();
	while (pos < size) {
		size_t k = size - pos < chunk ? size - pos : chunk;

		if (heal_detect_feed(d, (const char *)data + pos, k, &err) < 0)
			break;
		pos += k;
		chunk = chunk * 7 % 4099 + 1;
	}
	if (heal_detect_end(d, &err) == 0)
		(void)heal_detect_finish(d, &err);
	heal_detect_free(d);
	return 0;
}
