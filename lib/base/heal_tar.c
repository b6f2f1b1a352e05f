#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "heal_alloc.h"
#include "heal_tar.h"

#define BLOCK 512

/* An octal number in a field of w bytes: w - 1 digits and a NUL (callers
 * keep v in range: sizes are capped far below 8 GiB). */
static void octal(char *field, size_t w, unsigned long long v)
{
	size_t i;

	field[w - 1] = '\0';
	for (i = w - 1; i > 0; i--) {
		field[i - 1] = (char)('0' + (v & 7));
		v >>= 3;
	}
}

/*
 * Where name splits into ustar's prefix (155 bytes) and name (100): the
 * index of the '/' between them, or 0 when no split fits.
 */
static size_t split_at(const char *name, size_t len)
{
	size_t i;

	for (i = len - 1; i > 0; i--)
		if (name[i] == '/' && i <= 155 && len - i - 1 <= 100 && len - i - 1 > 0)
			return i;
	return 0;
}

static int add_header(struct heal_buf *t, const char *name, size_t len,
		      char type, unsigned mode, size_t size, long long mtime,
		      struct heal_error *err)
{
	char h[BLOCK];
	unsigned sum = 0;
	size_t i, cut = len <= 100 ? 0 : split_at(name, len);

	memset(h, 0, sizeof h);
	if (len <= 100) {
		memcpy(h, name, len);
	} else if (cut) {
		memcpy(h + 345, name, cut);
		memcpy(h, name + cut + 1, len - cut - 1);
	} else {
		/* the pax header before this one holds the whole name */
		memcpy(h, name, 99);
	}
	octal(h + 100, 8, mode & 07777);
	octal(h + 108, 8, 0);
	octal(h + 116, 8, 0);
	octal(h + 124, 12, size);
	octal(h + 136, 12, (unsigned long long)(mtime > 0 ? mtime : 0));
	h[156] = type;
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	for (i = 0; i < BLOCK; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum & 0777777);
	h[155] = ' ';
	return heal_buf_add(t, h, BLOCK, err);
}

static int add_data(struct heal_buf *t, const char *data, size_t len,
		    struct heal_error *err)
{
	static const char zero[BLOCK];

	if (len && heal_buf_add(t, data, len, err) < 0)
		return -1;
	return len % BLOCK ? heal_buf_add(t, zero, BLOCK - len % BLOCK, err) : 0;
}

/* A pax "path" record: "LEN path=NAME\n", LEN counting its own digits. */
static int add_pax_path(struct heal_buf *t, const char *name, size_t len,
			long long mtime, struct heal_error *err)
{
	struct heal_buf rec;
	size_t body = len + sizeof(" path=\n") - 1, total = body + 1, digits;
	int rc;

	for (;;) {
		digits = (size_t)snprintf(NULL, 0, "%zu", total);
		if (body + digits == total)
			break;
		total = body + digits;
	}
	heal_buf_init(&rec, total + 1);
	rc = heal_buf_addf(&rec, err, "%zu path=", total) < 0 ||
	     heal_buf_add(&rec, name, len, err) < 0 ||
	     heal_buf_addc(&rec, '\n', err) < 0 ||
	     add_header(t, "PaxHeader/path", 14, 'x', 0644, rec.len, mtime, err) < 0 ||
	     add_data(t, rec.data, rec.len, err) < 0 ? -1 : 0;
	heal_buf_release(&rec);
	return rc;
}

static int gzip(const struct heal_buf *t, struct heal_buf *out,
		struct heal_error *err)
{
	unsigned char chunk[16384];
	z_stream z;
	int zr, rc = 0;

	if (t->len > UINT_MAX)
		return heal_error_set(err, HEAL_ERR_LIMIT, "archive larger than %u bytes", UINT_MAX);
	memset(&z, 0, sizeof z);
	/* 15 + 16: a 32 KiB window with a gzip header and trailer */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return heal_error_set(err, HEAL_ERR_INTERNAL, "zlib: cannot start compression");
	z.next_in = (Bytef *)t->data;
	z.avail_in = (uInt)t->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		zr = deflate(&z, Z_FINISH);
		if (zr == Z_STREAM_ERROR) {
			rc = heal_error_set(err, HEAL_ERR_INTERNAL, "zlib: compression failed");
			break;
		}
		if (heal_buf_add(out, chunk, sizeof chunk - z.avail_out, err) < 0) {
			rc = -1;
			break;
		}
	} while (zr != Z_STREAM_END);
	deflateEnd(&z);
	return rc;
}

int heal_tar_gz_write(const struct heal_tar_member *v, size_t n,
		      long long mtime, struct heal_buf *out,
		      struct heal_error *err)
{
	struct heal_buf t;
	size_t i, need = 2 * BLOCK;
	int rc = -1;

	/* the whole tar: each member's header, data and padding, and a pax
	 * header for a long name; zlib then makes it fit out or not */
	for (i = 0; i < n; i++)
		need += v[i].len + 4 * BLOCK + strlen(v[i].name) + 32;
	heal_buf_init(&t, need);
	for (i = 0; i < n; i++) {
		size_t len = strlen(v[i].name);

		if (len > 100 && !split_at(v[i].name, len) &&
		    add_pax_path(&t, v[i].name, len, mtime, err) < 0)
			goto out;
		if (add_header(&t, v[i].name, len, '0', v[i].mode, v[i].len, mtime, err) < 0 ||
		    add_data(&t, v[i].data, v[i].len, err) < 0)
			goto out;
	}
	/* the end of the archive: two zero blocks */
	{
		static const char zero[2 * BLOCK];

		if (heal_buf_add(&t, zero, sizeof zero, err) < 0)
			goto out;
	}
	rc = gzip(&t, out, err);
out:
	heal_buf_release(&t);
	return rc;
}
