#include <stdint.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_text.h"
#include "heal_utf8.h"

int heal_text_escape(struct heal_buf *out, const char *s, size_t len,
		     struct heal_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t run = i;

		while (run < len && p[run] >= 0x20 && p[run] < 0x7f)
			run++;
		if (run > i && heal_buf_add(out, s + i, run - i, err) < 0)
			return -1;
		i = run;
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			int r;

			if (p[i] == '\n')
				r = heal_buf_adds(out, "\\n", err);
			else if (p[i] == '\r')
				r = heal_buf_adds(out, "\\r", err);
			else if (p[i] == '\t')
				r = heal_buf_adds(out, "\\t", err);
			else
				r = heal_buf_addf(out, err, "\\x%02x", p[i]);
			if (r < 0)
				return -1;
			i++;
		} else {
			uint32_t cp;
			size_t k = heal_utf8_decode(p + i, len - i, &cp);

			if (k && cp >= 0xa0) {
				if (heal_buf_add(out, s + i, k, err) < 0)
					return -1;
				i += k;
			} else {
				size_t j, n = k ? k : 1;

				for (j = 0; j < n; j++)
					if (heal_buf_addf(out, err, "\\x%02x",
							  p[i + j]) < 0)
						return -1;
				i += n;
			}
		}
	}
	return 0;
}

char *heal_text_escape_dup(const char *s, size_t len)
{
	struct heal_buf b;

	heal_buf_init(&b, (size_t)-2);
	heal_text_escape(&b, s, len, NULL);
	return heal_buf_detach(&b, NULL);
}

size_t heal_text_unlink_digits(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (in[i] == '[' && i + 1 < len && in[i + 1] >= '0' && in[i + 1] <= '9') {
			size_t d = i + 1, u;

			while (d < len && in[d] >= '0' && in[d] <= '9')
				d++;
			if (len - d > 9 && memcmp(in + d, "](http", 6) == 0 &&
			    (memcmp(in + d + 6, "://", 3) == 0 ||
			     (in[d + 6] == 's' && len - d > 10 &&
			      memcmp(in + d + 7, "://", 3) == 0))) {
				for (u = d + 2; u < len && in[u] != ')' && in[u] != ' ' &&
				     in[u] != '\t'; u++)
					;
				if (u < len && in[u] == ')') {
					memmove(out + o, in + i + 1, d - i - 1);
					o += d - i - 1;
					i = u + 1;
					continue;
				}
			}
		}
		out[o++] = in[i++];
	}
	return o;
}

size_t heal_text_strip_shown_escapes(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (i + 4 < len && (unsigned char)in[i] == 0xe2 &&
		    (unsigned char)in[i + 1] == 0x86 &&
		    (unsigned char)in[i + 2] == 0x90 && in[i + 3] == '[') {
			size_t k = i + 4;

			while (k < len && k - i < 24 &&
			       ((in[k] >= '0' && in[k] <= '9') || in[k] == ';'))
				k++;
			if (k < len && ((in[k] >= 'A' && in[k] <= 'Z') ||
					(in[k] >= 'a' && in[k] <= 'z'))) {
				i = k + 1;
				continue;
			}
		}
		out[o++] = in[i++];
	}
	return o;
}

const char *heal_text_find(const char *s, size_t n, const char *t, size_t tn)
{
	const char *e = s + n, *p = s;

	if (tn == 0)
		return s;
	while (tn <= (size_t)(e - p) &&
	       (p = memchr(p, t[0], (size_t)(e - p) - tn + 1)) != NULL) {
		if (memcmp(p + 1, t + 1, tn - 1) == 0)
			return p;
		p++;
	}
	return NULL;
}

bool heal_text_contains(const char *s, size_t n, const char *t, size_t tn)
{
	return heal_text_find(s, n, t, tn) != NULL;
}

size_t heal_text_strip_ansi(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0, o0 = SIZE_MAX;

	if (!memchr(in, 0x1b, len) && !memchr(in, '\r', len)) {
		if (out != in)
			memmove(out, in, len);
		return len;
	}
	while (i < len) {
		unsigned char c = (unsigned char)in[i];

		if (c == 0x1b && i + 1 < len) {
			unsigned char k = (unsigned char)in[i + 1];

			/* what came before the line's first escape is no
			 * terminal's (a paste's quote, a CI system's prefix) */
			if (o0 == SIZE_MAX)
				o0 = o;

			if (k == '[') {
				size_t p = i + 2;

				i += 2;
				/* parameters and intermediates, then a final byte */
				while (i < len && ((unsigned char)in[i] < 0x40 ||
						   (unsigned char)in[i] > 0x7e))
					i++;
				/* the cursor to the line's first column ("ESC[G",
				 * "ESC[1G": bats' and npm's redrawn lines) before
				 * more text: that text overwrites what the terminal
				 * was given, as after a CR */
				if (i < len && in[i] == 'G' &&
				    (i == p || (i == p + 1 && (in[p] == '1' || in[p] == '0'))) &&
				    i + 1 < len && in[i + 1] != '\n' && in[i + 1] != '\r')
					o = o0;
				if (i < len)
					i++;
			} else if (k == ']' || k == 'P' || k == '_' || k == '^') {
				/* OSC, DCS, APC, PM: up to BEL or ST */
				i += 2;
				while (i < len && in[i] != 0x07 &&
				       !(in[i] == 0x1b && i + 1 < len &&
					 in[i + 1] == '\\'))
					i++;
				if (i < len)
					i += in[i] == 0x07 ? 1 : 2;
			} else {
				/* ESC, intermediates 0x20-0x2f, one final byte */
				i++;
				while (i < len && (unsigned char)in[i] >= 0x20 &&
				       (unsigned char)in[i] <= 0x2f)
					i++;
				if (i < len)
					i++;
			}
			continue;
		}
		if (c == 0x1b) {
			i++;
			continue;
		}
		if (c == '\r') {
			/* a CR before more text on the line: that text overwrites
			 * (a progress bar's redraw), but for a stray one, a
			 * Windows line end a tool's message quotes from its
			 * input, before the quote or the colon that closes the
			 * word it ended ("line 15: \r: command not found",
			 * "token `elif\r'"): kept, as the tool printed it */
			if (i + 1 < len && in[i + 1] != '\n' && in[i + 1] != '\'' &&
			    in[i + 1] != '"' && in[i + 1] != ':' && in[i + 1] != '`')
				o = 0;
			else
				out[o++] = '\r';
			i++;
			continue;
		}
		out[o++] = in[i++];
	}
	return o;
}

/* Length of the character at line[i] for column counting (invalid byte: 1). */
static size_t char_len(const char *line, size_t len, size_t i)
{
	size_t k = heal_utf8_decode((const unsigned char *)line + i, len - i,
				    NULL);

	return k ? k : 1;
}

size_t heal_text_display_to_byte(const char *line, size_t len, size_t col,
				 size_t tabstop)
{
	size_t i = 0, d = 1;

	if (col < 1)
		return 1;
	while (i < len && d < col) {
		if (line[i] == '\t') {
			d += tabstop - (d - 1) % tabstop;
			i++;
		} else {
			i += char_len(line, len, i);
			d++;
		}
	}
	/* a column inside a tab's expansion maps to the tab itself */
	if (d > col && i > 0 && line[i - 1] == '\t')
		return i;
	return i + 1 + (col > d ? col - d : 0);
}

size_t heal_text_byte_to_display(const char *line, size_t len, size_t col,
				 size_t tabstop)
{
	size_t i = 0, d = 1;

	if (col < 1)
		return 1;
	while (i < len && i + 1 < col) {
		if (line[i] == '\t') {
			d += tabstop - (d - 1) % tabstop;
			i++;
		} else {
			i += char_len(line, len, i);
			d++;
		}
	}
	return d + (col > i + 1 ? col - (i + 1) : 0);
}

size_t heal_text_char_to_byte(const char *line, size_t len, size_t col)
{
	size_t i = 0, c = 1;

	if (col < 1)
		return 1;
	while (i < len && c < col) {
		i += char_len(line, len, i);
		c++;
	}
	return i + 1 + (col > c ? col - c : 0);
}

bool heal_text_starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}
