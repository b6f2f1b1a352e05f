/*
 * libFuzzer target: a pattern's gate (heal_regex_gate.h).  The input's
 * first line is a pattern, the lines after it subjects: a subject the
 * pattern matches (compiled as heal-detect compiles it) must meet the
 * gate read from the pattern.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_regex.h"
#include "heal_regex_gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *e = p + size, *nl;
	struct heal_regex_gate g;
	struct heal_regex re;
	char *pat;
	size_t n;

	nl = memchr(p, '\n', size);
	n = nl ? (size_t)(nl - p) : size;
	if (memchr(p, '\0', n) || n > 4096)
		return 0;
	pat = malloc(n + 1);
	if (!pat)
		abort();
	memcpy(pat, p, n);
	pat[n] = '\0';
	heal_regex_gate_init(&g, pat, 0);
	if (heal_regex_compile(&re, pat, 0, NULL) < 0) {
		free(pat);
		return 0;
	}
	for (p = nl ? nl + 1 : e; p < e; p = nl ? nl + 1 : e) {
		char *s;

		nl = memchr(p, '\n', (size_t)(e - p));
		n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		/* a copy with room after it: PCRE2's JIT reads ahead */
		s = calloc(n + 64, 1);
		if (!s)
			abort();
		memcpy(s, p, n);
		if (heal_regex_match(&re, s, n, 0) == 1 &&
		    !heal_regex_gate_met(&g, s, n)) {
			fprintf(stderr, "fuzz-gate: /%s/ matches \"%.*s\" but its gate is not met\n",
				pat, (int)n, s);
			abort();
		}
		free(s);
	}
	heal_regex_release(&re);
	free(pat);
	return 0;
}
