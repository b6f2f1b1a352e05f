#include <stdlib.h>
#include <string.h>

#include "heal_archive.h"
#include "heal_tar.h"
#include "tap.h"

/* Read back v[0..n) from the .tar.gz in buf with libarchive, member by member. */
static void read_back(const struct heal_buf *buf, const struct heal_tar_member *v, size_t n)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const struct heal_archive *A = heal_archive_get(&err);
	struct archive *a;
	struct archive_entry *e;
	size_t i;

	if (!ok(A != NULL, "libarchive loads: %s", err.msg))
		return;
	a = A->archive_read_new();
	A->archive_read_support_filter_gzip(a);
	A->archive_read_support_format_tar(a);
	ok(A->archive_read_open_memory(a, buf->data, buf->len) == ARCHIVE_OK, "libarchive opens it");
	for (i = 0; i < n; i++) {
		char *data;
		la_ssize_t got;

		if (!ok(A->archive_read_next_header(a, &e) == ARCHIVE_OK, "member %zu: a header", i))
			break;
		ok(strcmp(A->archive_entry_pathname(e), v[i].name) == 0,
		   "member %zu: the name (%zu bytes) as written", i, strlen(v[i].name));
		is_int(A->archive_entry_filetype(e), AE_IFREG, "member %zu: a regular file", i);
		is_int(A->archive_entry_size(e), v[i].len, "member %zu: its size", i);
		data = malloc(v[i].len + 1);
		got = A->archive_read_data(a, data, v[i].len + 1);
		ok(got == (la_ssize_t)v[i].len && memcmp(data, v[i].data, v[i].len) == 0,
		   "member %zu: its bytes", i);
		free(data);
	}
	is_int(A->archive_read_next_header(a, &e), ARCHIVE_EOF, "then the end of the archive");
	A->archive_read_free(a);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_buf out;
	char split[200], longname[160], binary[3000];
	size_t i;
	struct heal_tar_member v[6];

	/* a path that needs ustar's prefix, and a name no split can hold */
	memset(split, 'd', sizeof split);
	memcpy(split + 120, "/", 1);
	split[199] = '\0';
	memcpy(longname, "files/", 6);
	memset(longname + 6, 'n', sizeof longname - 7);
	longname[sizeof longname - 1] = '\0';
	for (i = 0; i < sizeof binary; i++)
		binary[i] = (char)(i * 7);
	v[0] = (struct heal_tar_member){ "manifest", "heal-backup 1\n", 14, 0600 };
	v[1] = (struct heal_tar_member){ "files/src/empty.c", "", 0, 0644 };
	v[2] = (struct heal_tar_member){ "files/bin/run.sh", binary, sizeof binary, 0755 };
	v[3] = (struct heal_tar_member){ split, "s", 1, 0644 };
	v[4] = (struct heal_tar_member){ longname, "long", 4, 0644 };
	v[5] = (struct heal_tar_member){ "files/caf\xc3\xa9 \xe2\x80\x94 notes.txt", "x\n", 2, 0600 };
	heal_buf_init(&out, 1 << 20);
	ok(heal_tar_gz_write(v, 6, 1700000000, &out, &err) == 0, "six members written: %s", err.msg);
	ok(out.len > 18 && (unsigned char)out.data[0] == 0x1f && (unsigned char)out.data[1] == 0x8b,
	   "gzip magic");
	read_back(&out, v, 6);
	heal_buf_release(&out);

	/* an output cap too small is a limit error, not a short archive */
	heal_buf_init(&out, 64);
	ok(heal_tar_gz_write(v, 3, 0, &out, &err) == -1 && err.code == HEAL_ERR_LIMIT,
	   "over the cap: HEAL_ERR_LIMIT (%s)", err.msg);
	heal_buf_release(&out);

	/* no members: an empty archive libarchive reads as such */
	heal_buf_init(&out, 1 << 16);
	ok(heal_tar_gz_write(v, 0, 0, &out, &err) == 0, "an empty archive");
	read_back(&out, v, 0);
	heal_buf_release(&out);
	return tap_done();
}
