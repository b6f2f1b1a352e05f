/*
 * libFuzzer target: heal-log's changelog reader and what reads its events.
 * The input is a changelog (in a memfd): heal_changelog_read feeds the
 * statistics and health (heal-log --stats, --health) and the export
 * (heal-log --export, to memory), whose outputs must be valid UTF-8 JSON that parses
 * back, and text without raw control characters.  Each line that is a
 * valid record also goes through heal_changelog_events (heal-log's
 * record-to-event mapping): every event it makes must pass
 * heal_record_check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heal_changelog.h"
#include "heal_json.h"
#include "heal_record.h"
#include "heal_stats.h"
#include "heal_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(const struct heal_buf *b)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *v;

	if (!heal_utf8_valid(b->data, b->len))
		abort();
	v = heal_json_parse(b->data, b->len, NULL, &err);
	if (!v) {
		fprintf(stderr, "fuzz-changelog: output does not parse: %s\n", err.msg);
		abort();
	}
	heal_json_free(v);
}

static void check_text(const struct heal_buf *b)
{
	size_t i;

	if (!heal_utf8_valid(b->data, b->len))
		abort();
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
	}
}

/* Each line that is a record: its events are valid event records. */
static void events_of_lines(const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		struct heal_error err = HEAL_ERROR_INIT;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct heal_json_limits lim;
		struct heal_json *rec, *events;
		size_t i, k;

		heal_json_limits_default(&lim);
		rec = heal_json_parse(p, len, &lim, &err);
		p += len + 1;
		if (!rec)
			continue;
		if (heal_record_check(rec, &err) < 0) {
			heal_json_free(rec);
			continue;
		}
		events = heal_json_new_array();
		k = heal_changelog_events(rec, "run-1", 1700000000, events, NULL);
		if (k != events->u.arr.n)
			abort();
		for (i = 0; i < k; i++)
			if (heal_record_check(events->u.arr.v[i], &err) < 0 ||
			    heal_record_kind(events->u.arr.v[i]) != HEAL_KIND_EVENT) {
				fprintf(stderr, "fuzz-changelog: bad event: %s\n", err.msg);
				abort();
			}
		heal_json_free(events);
		heal_json_free(rec);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_changelog cl;
	struct heal_stats *st;
	struct heal_buf out;
	size_t skipped = 0;
	int fd;

	fd = memfd_create("changelog", MFD_CLOEXEC);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	cl.fd = fd;
	cl.name = (char *)"changelog.ndjson";
	cl.locked = 0;
	st = heal_stats_new();
	if (heal_stats_load(st, &cl, &err) < 0)
		abort();
	heal_buf_init(&out, 64u << 20);
	if (heal_stats_write_json(st, &out, &err) < 0)
		abort();
	check_json(&out);
	heal_buf_reset(&out);
	if (heal_stats_write_health_json(st, 5, &out, &err) < 0)
		abort();
	check_json(&out);
	heal_buf_reset(&out);
	if (heal_stats_write_text(st, &out, &err) < 0 ||
	    heal_stats_write_health_text(st, 5, &out, &err) < 0)
		abort();
	check_text(&out);
	heal_buf_release(&out);
	heal_stats_free(st);
	heal_buf_init(&out, 0);
	{
		char *exp = NULL;
		size_t explen = 0;
		FILE *f = open_memstream(&exp, &explen);

		if (!f || heal_changelog_export(&cl, f, &skipped, &err) < 0 ||
		    fclose(f) != 0)
			abort();
		out.data = exp;
		out.len = explen;
		check_json(&out);
		free(exp);
	}
	close(fd);
	events_of_lines((const char *)data, size);
	return 0;
}
