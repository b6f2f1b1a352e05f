/*
 * libFuzzer target: the .mo reader (heal_catalog) on any bytes, every
 * entry and form read and looked up, and, when the bytes are a catalog,
 * the locale mapper (heal_locale) built from it as a bash.mo and run on
 * lines made of its own translations and of the input's bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzzdir.h"
#include "heal_buf.h"
#include "heal_catalog.h"
#include "heal_locale.h"

static const char *dir;
static char file[300];

static void setup_dir(void)
{
	char p[300];

	if (dir)
		return;
	dir = fuzz_dir_make("catalog");
	snprintf(p, sizeof(p), "%s/xx", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/xx/LC_MESSAGES", dir);
	mkdir(p, 0700);
	snprintf(file, sizeof(file), "%s/xx/LC_MESSAGES/bash.mo", dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_catalog c;
	struct heal_catalog_entry e;
	struct heal_locale *l;
	struct heal_buf b;
	const char *s, *lang;
	size_t i, k, n;
	FILE *f;

	if (heal_catalog_parse(&c, data, size, NULL) < 0)
		return 0;
	for (i = 0; i < heal_catalog_count(&c); i++)
		if (heal_catalog_entry(&c, i, &e)) {
			for (k = 0; heal_catalog_form(&e, k, &s, &n) && k < 16; k++)
				;
			if (e.msgid_len < 200) {
				char id[201];

				memcpy(id, e.msgid, e.msgid_len);
				id[e.msgid_len] = '\0';
				heal_catalog_lookup(&c, id, &n);
			}
		}
	setup_dir();
	f = fopen(file, "wb");
	if (!f) {
		heal_catalog_release(&c);
		return 0;
	}
	fwrite(data, 1, size, f);
	fclose(f);
	l = heal_locale_new("xx", dir);
	heal_buf_init(&b, 1 << 16);
	/* each translation, as a line, and the raw input as lines */
	for (i = 0; i < heal_catalog_count(&c) && i < 64; i++)
		if (heal_catalog_entry(&c, i, &e) && heal_catalog_form(&e, 0, &s, &n) &&
		    n < HEAL_LOCALE_LINE_MAX) {
			char line[HEAL_LOCALE_LINE_MAX + 8];

			memcpy(line, "f: ", 3);
			memcpy(line + 3, s, n);
			if (heal_locale_candidate(l, line, n + 3))
				heal_locale_map(l, line, n + 3, &b, &lang);
			heal_locale_map(l, s, n, &b, &lang);
		}
	for (i = 0; i < size; i += 512) {
		n = size - i < 512 ? size - i : 512;
		heal_locale_map(l, (const char *)data + i, n, &b, &lang);
	}
	heal_locale_warning(l);
	heal_buf_release(&b);
	heal_locale_free(l);
	heal_catalog_release(&c);
	return 0;
}
