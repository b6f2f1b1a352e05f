/*
 * libFuzzer target: the fix-it / edit-range converter heal-analyze uses.
 * The first byte picks the form; the first line after it is the fix-it
 * (a -fdiagnostics-parseable-fixits line, or a JSON object: a record's
 * fix-it, a gcc JSON fix-it, a shellcheck replacement), the rest is the
 * file it applies to.  A resolved range must lie inside the file, start
 * before end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_fixit.h"
#include "heal_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_json *v = NULL;
	struct heal_fixit f;
	const char *line, *file, *nl;
	size_t line_len, file_len, s, e;
	int mode, rc;

	if (size < 1)
		return 0;
	mode = data[0] % 4;
	line = (const char *)data + 1;
	nl = memchr(line, '\n', size - 1);
	line_len = nl ? (size_t)(nl - line) : size - 1;
	file = nl ? nl + 1 : line + line_len;
	file_len = size - 1 - line_len - (nl ? 1 : 0);
	heal_json_limits_default(&lim);
	lim.max_depth = 16;
	if (mode == 0) {
		rc = heal_fixit_parse_parseable(&f, line, line_len, &err);
	} else {
		v = heal_json_parse(line, line_len, &lim, &err);
		if (!v)
			return 0;
		if (mode == 1)
			rc = heal_fixit_from_record(&f, v, "dflt.c", &err);
		else if (mode == 2)
			rc = heal_fixit_from_gcc_json(&f, v, &err);
		else
			rc = heal_fixit_from_shellcheck(&f, "a.sh", v, &err);
	}
	heal_json_free(v);
	if (rc < 0) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	if (!f.file || !f.file[0] || !f.text || f.text[f.text_len] != '\0')
		abort();
	if (heal_fixit_resolve(&f, file, file_len, &s, &e, &err) == 0) {
		if (s > e || e > file_len)
			abort();
	} else if (!err.msg[0]) {
		abort();
	}
	heal_fixit_release(&f);
	return 0;
}
