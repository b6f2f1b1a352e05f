/*
 * libFuzzer target: the NDJSON record reader (line splitting, JSON parse
 * with caps, record schema check) and the writer on what it accepts; a
 * frozen parse of each line (heal_json_parse_frozen) must accept the same
 * lines and hold the same values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_utf8.h"

struct mem { const uint8_t *p; size_t n, pos; };

static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos;

	/* odd chunk sizes exercise the line reader's refills */
	if (k > n)
		k = n;
	if (k > 7 + (m->pos % 4093))
		k = 7 + (m->pos % 4093);
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_ndjson_limits lim;
	struct heal_lines lines;
	struct heal_line line;
	struct heal_buf out, fout;
	struct mem m = { data, size, 0 };

	heal_ndjson_limits_default(&lim);
	lim.max_line = 4096;
	lim.json.max_depth = 16;
	heal_buf_init(&out, 1 << 20);
	heal_buf_init(&fout, 1 << 20);
	heal_lines_init(&lines, mem_read, &m, lim.max_line);
	while (heal_lines_next(&lines, &line, &err) == 1) {
		struct heal_json *v, *fv;
		struct heal_json_arena *arena;

		if (line.truncated)
			continue;
		v = heal_json_parse(line.data, line.len, &lim.json, &err);
		fv = heal_json_parse_frozen(line.data, line.len, &lim.json, &arena, &err);
		if (!v != !fv || !fv != !arena)
			abort();
		if (fv) {
			heal_buf_reset(&out);
			heal_buf_reset(&fout);
			if ((heal_json_serialize(&out, v, &err) == 0) !=
			    (heal_json_serialize(&fout, fv, &err) == 0) ||
			    out.len != fout.len ||
			    (out.len && memcmp(out.data, fout.data, out.len) != 0))
				abort();
			heal_json_arena_free(arena);
		}
		if (!v)
			continue;
		(void)heal_record_check(v, &err);
		heal_buf_reset(&out);
		if (heal_json_serialize(&out, v, &err) == 0) {
			struct heal_json *again;

			/* what we write is valid UTF-8 JSON that parses back */
			if (!heal_utf8_valid(out.data, out.len))
				abort();
			lim.json.max_depth = 17;
			again = heal_json_parse(out.data, out.len, &lim.json,
						&err);
			lim.json.max_depth = 16;
			if (!again)
				abort();
			heal_json_free(again);
		}
		heal_json_free(v);
	}
	heal_lines_release(&lines);
	heal_buf_release(&out);
	heal_buf_release(&fout);
	return 0;
}
