/*
 * libFuzzer target: the repair search's candidate generator, which reads
 * a user's source file and an error read from a log (both untrusted).
 * The first byte picks the language, the second the message (the
 * templates the generators key on), the next two the error's line and
 * column, the fifth whether the search is wide; the rest is the file.
 * Every candidate must replace a range inside the file, with text, under
 * a kind, and apply.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_gen.h"
#include "heal_lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const messages[] = {
	"expected expression",
	"expected ';' after expression",
	"expected ')'",
	"expected identifier",
	"expected identifier or '('",
	"expected '(' after 'if'",
	"expected ';' in 'for' statement specifier",
	"expected expression before '&&' token",
	"'else' without a previous 'if'",
	"use of undeclared identifier 'x'",
	"'size' undeclared (first use in this function)",
	"too few arguments to function call, expected 3, have 2",
	"too few arguments to function 'f'",
	"non-void function 'f' should return a value",
	"'break' statement not in loop or switch statement",
	"invalid suffix 'st' on integer constant",
	"invalid syntax",
	"invalid syntax. Perhaps you forgot a comma?",
	"expected ':'",
	"unexpected indent",
	"unindent does not match any outer indentation level",
	"expected an indented block after 'if' statement on line 1",
	"'(' was never closed",
	"unterminated string literal (detected at line 1)",
	"unexpected character after line continuation character",
	"cannot assign to expression here. Maybe you meant '==' instead of '='?",
	"syntax error near unexpected token `fi'",
	"syntax error: unexpected end of file",
	"missing separator",
	"missing 'endif'",
	"Argument or block definition required",
	"Unclosed configuration block",
	"mapping values are not allowed here",
	"",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_gen_site s;
	struct heal_gen g;
	char *src;
	size_t i, len;

	if (size < 5)
		return 0;
	memset(&s, 0, sizeof(s));
	s.lang = heal_lang_get((enum heal_lang_id)(1 + data[0] % (HEAL_LANG_COUNT - 1)));
	if (!s.lang)
		return 0;
	s.message = messages[data[1] % (sizeof(messages) / sizeof(messages[0]))];
	len = size - 5;
	/* the file as heal reads it: its bytes and a NUL after them */
	src = malloc(len + 1);
	if (!src)
		return 0;
	memcpy(src, data + 5, len);
	src[len] = '\0';
	s.data = src;
	s.len = len;
	s.line = 1 + data[2] % 64;
	s.caret = heal_gen_offset(src, len, s.line, 1 + data[3] % 128);
	s.wide = data[4] & 1;
	heal_gen_init(&g);
	heal_gen_run(&g, &s);
	for (i = 0; i < g.n; i++) {
		const struct heal_gen_cand *c = &g.v[i];
		size_t n;
		char *r;

		if (c->start > c->end || c->end > len || !c->text || !c->kind)
			abort();
		r = heal_gen_apply(c, src, len, &n);
		if (!r || n != len - (c->end - c->start) + strlen(c->text))
			abort();
		free(r);
	}
	heal_gen_release(&g);
	free(src);
	return 0;
}
