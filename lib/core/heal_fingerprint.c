#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"

#include "heal_fingerprint.h"
#include "heal_hash.h"
#include "heal_sha256.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_word(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

/*
 * heal_buf_putc, inline: a message is normalised a byte at a time, and a
 * call a byte was most of the fingerprint's time on a log of many errors.
 */
static inline void put1(struct heal_buf *b, char c)
{
	if (b->truncated)
		return;
	if (b->cap - b->len > 1) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	heal_buf_putc(b, c);
}

/* Length of a temporary file name at s ("/tmp/..." up to a delimiter). */
static size_t tmp_name(const char *s, size_t n)
{
	size_t i;

	if (n < 5 || memcmp(s, "/tmp/", 5) != 0)
		return 0;
	for (i = 5; i < n; i++)
		if (s[i] == ' ' || s[i] == ':' || s[i] == '\'' || s[i] == '"' ||
		    s[i] == ')' || s[i] == ',' || s[i] == '`')
			break;
	return i;
}

void heal_fingerprint_normalise(struct heal_buf *out, const char *msg,
				size_t len, const char *const *roots)
{
	size_t i = 0, k;
	bool space = false;

	while (i < len) {
		const unsigned char c = (unsigned char)msg[i];
		size_t t;

		if (roots && c == '/') {
			for (k = 0; roots[k]; k++) {
				size_t rl = strlen(roots[k]);

				if (rl > 1 && rl <= len - i &&
				    memcmp(msg + i, roots[k], rl) == 0 &&
				    (i + rl == len || msg[i + rl] == '/')) {
					i += rl;
					if (i < len && msg[i] == '/')
						i++;
					break;
				}
			}
			if (roots[k])
				continue;
		}
		if ((t = tmp_name(msg + i, len - i)) > 0) {
			heal_buf_puts(out, "TMP");
			i += t;
			space = false;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space && out->len)
				put1(out, ' ');
			space = true;
			i++;
			continue;
		}
		space = false;
		/* ‘ ’ “ ” (e2 80 98/99/9c/9d) */
		if (c == 0xe2 && i + 2 < len && (unsigned char)msg[i + 1] == 0x80 &&
		    ((unsigned char)msg[i + 2] == 0x98 ||
		     (unsigned char)msg[i + 2] == 0x99 ||
		     (unsigned char)msg[i + 2] == 0x9c ||
		     (unsigned char)msg[i + 2] == 0x9d)) {
			put1(out, '\'');
			i += 3;
			continue;
		}
		if (c == '"' || c == '`') {
			put1(out, '\'');
			i++;
			continue;
		}
		if (c == '0' && i + 2 < len && (msg[i + 1] == 'x' || msg[i + 1] == 'X') &&
		    is_hex(msg[i + 2]) && (i == 0 || !is_word(msg[i - 1]))) {
			heal_buf_puts(out, "0xN");
			i += 2;
			while (i < len && is_hex(msg[i]))
				i++;
			continue;
		}
		if (is_digit((char)c)) {
			put1(out, 'N');
			while (i < len && is_digit(msg[i]))
				i++;
			continue;
		}
		put1(out, (char)c);
		i++;
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
}

/* A field of the hashed text: its length (8 bytes, little-endian), then
 * its bytes. */
static void field(struct heal_buf *t, const char *s, size_t n)
{
	unsigned char len[8];
	size_t i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	heal_buf_put(t, (const char *)len, sizeof(len));
	heal_buf_put(t, s, n);
}

/* The text an id is the hash of, in t (reset first); b is scratch. */
static void id_text(struct heal_buf *t, struct heal_buf *b, const char *tool,
		    const char *code, const char *message, const char *file,
		    const char *snippet, const char *const *roots)
{
	size_t i;

	heal_buf_reset(t);
	heal_buf_put(t, "heal-id-1", 9);
	field(t, tool ? tool : "", tool ? strlen(tool) : 0);
	field(t, code ? code : "", code ? strlen(code) : 0);
	heal_buf_reset(b);
	if (message)
		heal_fingerprint_normalise(b, message, strlen(message), roots);
	field(t, b->data ? b->data : "", b->len);
	field(t, file ? file : "", file ? strlen(file) : 0);
	heal_buf_reset(b);
	if (snippet)
		for (i = 0; snippet[i]; i++)
			if (snippet[i] != ' ' && snippet[i] != '\t' &&
			    snippet[i] != '\r')
				put1(b, snippet[i]);
	field(t, b->data ? b->data : "", b->len);
}

static void id_of(const struct heal_buf *t, char out[HEAL_FINGERPRINT_HEX])
{
	unsigned char d[HEAL_SHA256_LEN];
	struct heal_sha256 c;

	heal_sha256_init(&c);
	heal_sha256_update(&c, t->data ? t->data : "", t->len);
	heal_sha256_final(&c, d);
	heal_hex(d, 8, out);
	out[16] = '\0';
}

void heal_fingerprint(const char *tool, const char *code, const char *message,
		      const char *file, const char *snippet,
		      const char *const *roots,
		      char out[HEAL_FINGERPRINT_HEX])
{
	struct heal_buf t, b;

	/* the normalised message and the snippet are cut at a megabyte (the
	 * id of a longer message is that of its first megabyte) */
	heal_buf_init(&t, SIZE_MAX / 2);
	heal_buf_init(&b, 1u << 20);
	id_text(&t, &b, tool, code, message, file, snippet, roots);
	id_of(&t, out);
	heal_buf_release(&t);
	heal_buf_release(&b);
}

/*
 * The memo: MEMO_SLOTS texts of up to MEMO_TEXT bytes, a slot by the
 * text's hash; a longer text is always hashed.  About 0.5 MB, of which a
 * run touches what it uses.
 */
#define MEMO_SLOTS 2048u
#define MEMO_TEXT 224u

struct memo_slot {
	uint64_t h;
	uint32_t len;
	char id[HEAL_FINGERPRINT_HEX];
	char text[MEMO_TEXT];
};

struct heal_fingerprint_memo {
	struct heal_buf t, b;
	struct memo_slot *slot;
};

struct heal_fingerprint_memo *heal_fingerprint_memo_new(void)
{
	struct heal_fingerprint_memo *m = heal_calloc(1, sizeof(*m));

	heal_buf_init(&m->t, SIZE_MAX / 2);
	heal_buf_init(&m->b, 1u << 20);
	m->slot = heal_calloc(MEMO_SLOTS, sizeof(*m->slot));
	return m;
}

void heal_fingerprint_memo_free(struct heal_fingerprint_memo *m)
{
	if (!m)
		return;
	heal_buf_release(&m->t);
	heal_buf_release(&m->b);
	free(m->slot);
	free(m);
}

void heal_fingerprint_memo(struct heal_fingerprint_memo *m, const char *tool,
			   const char *code, const char *message,
			   const char *file, const char *snippet,
			   const char *const *roots,
			   char out[HEAL_FINGERPRINT_HEX])
{
	struct memo_slot *e;
	uint64_t h;

	id_text(&m->t, &m->b, tool, code, message, file, snippet, roots);
	if (m->t.len > MEMO_TEXT) {
		id_of(&m->t, out);
		return;
	}
	h = heal_hash_bytes(m->t.data, m->t.len, 0x243F6A8885A308D3ull);
	e = &m->slot[h & (MEMO_SLOTS - 1)];
	if (e->h == h && e->len == m->t.len &&
	    memcmp(e->text, m->t.data, m->t.len) == 0) {
		memcpy(out, e->id, HEAL_FINGERPRINT_HEX);
		return;
	}
	id_of(&m->t, out);
	e->h = h;
	e->len = (uint32_t)m->t.len;
	memcpy(e->text, m->t.data, m->t.len);
	memcpy(e->id, out, HEAL_FINGERPRINT_HEX);
}
