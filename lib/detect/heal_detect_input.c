/*
 * Inputs of the engine: files and standard input (plain, compressed or
 * archives, told apart by their first bytes), and followed logs.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_archive.h"
#include "heal_buf.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_text.h"

#define PEEK 512
#define ARCHIVE_BLOCK (64u * 1024)

/* Whether the first bytes say compressed data or an archive. */
static bool packed(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0x1f && (p[1] == 0x8b || p[1] == 0x9d))
		return true;                                    /* gzip, compress */
	if (n >= 3 && memcmp(p, "BZh", 3) == 0)
		return true;                                    /* bzip2 */
	if (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0)
		return true;                                    /* xz */
	if (n >= 4 && memcmp(p, "\x28\xb5\x2f\xfd", 4) == 0)
		return true;                                    /* zstd */
	if (n >= 4 && memcmp(p, "\x04\x22\x4d\x18", 4) == 0)
		return true;                                    /* lz4 */
	if (n >= 4 && (memcmp(p, "PK\x03\x04", 4) == 0 ||
		       memcmp(p, "PK\x05\x06", 4) == 0))
		return true;                                    /* zip */
	if (n >= 6 && memcmp(p, "7z\xbc\xaf\x27\x1c", 6) == 0)
		return true;                                    /* 7z */
	if (n >= 262 && memcmp(p + 257, "ustar", 5) == 0)
		return true;                                    /* tar */
	return false;
}

struct src {
	int fd;
	unsigned char peek[PEEK];
	size_t npeek;
	bool peek_done;
	char block[ARCHIVE_BLOCK];
	const struct heal_archive *A;    /* once the input is packed */
};

static la_ssize_t src_read(struct archive *a, void *ctx, const void **out)
{
	struct src *s = ctx;
	const struct heal_archive *A = s->A;
	ssize_t n;

	if (!s->peek_done) {
		s->peek_done = true;
		if (s->npeek) {
			*out = s->peek;
			return (la_ssize_t)s->npeek;
		}
	}
	do
		n = read(s->fd, s->block, sizeof(s->block));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		A->archive_set_error(a, errno, "read failed");
		return -1;
	}
	*out = s->block;
	return n;
}

static int read_archive(struct heal_detect *d, struct src *s, const char *name,
			struct heal_error *err)
{
	const struct heal_archive *A = heal_archive_get(err);
	struct archive *a;
	struct archive_entry *e;
	char *ename;
	int rc = 0, r;

	if (!A)
		return -1;
	s->A = A;
	a = A->archive_read_new();
	ename = heal_text_escape_dup(name, strlen(name));
	A->archive_read_support_filter_all(a);
	A->archive_read_support_format_all(a);
	A->archive_read_support_format_raw(a);
	if (A->archive_read_open(a, s, NULL, src_read, NULL) != ARCHIVE_OK) {
		rc = heal_error_set(err, HEAL_ERR_INPUT, "cannot read '%s': %s",
				    ename, A->archive_error_string(a));
		goto out;
	}
	while ((r = A->archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		struct heal_buf src;
		const char *member = A->archive_entry_pathname(e);

		if (A->archive_format(a) != ARCHIVE_FORMAT_RAW &&
		    A->archive_entry_filetype(e) != AE_IFREG)
			continue;
		heal_buf_init(&src, 8192);
		if (A->archive_format(a) == ARCHIVE_FORMAT_RAW || !member)
			heal_buf_puts(&src, name);
		else
			heal_buf_putf(&src, "%s:%s", name, member);
		rc = heal_detect_begin(d, heal_buf_str(&src), err);
		heal_buf_release(&src);
		if (rc < 0)
			goto out;
		for (;;) {
			la_ssize_t n = A->archive_read_data(a, s->block, sizeof(s->block));

			if (n == 0)
				break;
			if (n < 0) {
				rc = heal_error_set(err, HEAL_ERR_INPUT,
						    "cannot read '%s': %s", ename,
						    A->archive_error_string(a));
				goto out;
			}
			if (heal_detect_feed(d, s->block, (size_t)n, err) < 0) {
				rc = -1;
				goto out;
			}
		}
		if (heal_detect_end(d, err) < 0) {
			rc = -1;
			goto out;
		}
	}
	if (r != ARCHIVE_EOF)
		rc = heal_error_set(err, HEAL_ERR_INPUT, "cannot read '%s': %s",
				    ename, A->archive_error_string(a));
out:
	A->archive_read_free(a);
	free(ename);
	return rc;
}

int heal_detect_read_path(struct heal_detect *d, const char *path,
			  struct heal_error *err)
{
	bool in = !path || strcmp(path, "-") == 0;
	const char *name = in ? "<stdin>" : path;
	struct src *s;
	int rc;

	s = heal_calloc(1, sizeof(*s));
	s->fd = in ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0) {
		char *e = heal_text_escape_dup(path, strlen(path));

		heal_error_sys(err, errno, "cannot open '%s'", e);
		free(e);
		free(s);
		return -1;
	}
	while (s->npeek < PEEK) {
		ssize_t n = read(s->fd, s->peek + s->npeek, PEEK - s->npeek);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			char *e = heal_text_escape_dup(name, strlen(name));

			rc = heal_error_sys(err, errno, "cannot read '%s'", e);
			free(e);
			goto out;
		}
		if (n == 0)
			break;
		s->npeek += (size_t)n;
	}
	if (packed(s->peek, s->npeek)) {
		rc = read_archive(d, s, name, err);
	} else {
		rc = heal_detect_begin(d, name, err);
		if (rc == 0)
			rc = heal_detect_feed(d, (const char *)s->peek, s->npeek, err);
		if (rc == 0 && s->npeek == PEEK)
			rc = heal_detect_read_more(d, s->fd, name, err);
		if (rc == 0)
			rc = heal_detect_end(d, err);
	}
out:
	if (!in)
		close(s->fd);
	free(s);
	return rc;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int heal_detect_follow(struct heal_detect *d, const char *path,
		       unsigned idle_ms, volatile int *stop,
		       struct heal_error *err)
{
	char block[ARCHIVE_BLOCK], head[64], again[64];
	size_t nhead = 0;
	struct stat st, cur;
	uint64_t last = now_ms();
	off_t off = 0;
	int fd = -1;
	bool flushed = true;

	if (heal_detect_begin(d, path, err) < 0)
		return -1;
	while (!*stop) {
		ssize_t n = 0;

		if (fd < 0) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd >= 0 && fstat(fd, &st) < 0) {
				close(fd);
				fd = -1;
			}
			off = 0;
		}
		if (fd >= 0) {
			n = read(fd, block, sizeof(block));
			if (n < 0 && errno != EINTR) {
				char *e = heal_text_escape_dup(path, strlen(path));

				heal_error_sys(err, errno, "cannot read '%s'", e);
				free(e);
				close(fd);
				return -1;
			}
		}
		if (n > 0) {
			if ((size_t)off < sizeof(head)) {
				/* the first bytes tell a rewritten file from a grown one */
				size_t k = sizeof(head) - (size_t)off;

				k = k < (size_t)n ? k : (size_t)n;
				memcpy(head + off, block, k);
				nhead = (size_t)off + k;
			}
			off += n;
			if (heal_detect_feed(d, block, (size_t)n, err) < 0) {
				close(fd);
				return -1;
			}
			last = now_ms();
			flushed = false;
			continue;
		}
		if (!flushed && now_ms() - last >= idle_ms) {
			/* quiet for a while: what is open is complete */
			if (heal_detect_flush(d, err) < 0) {
				if (fd >= 0)
					close(fd);
				return -1;
			}
			flushed = true;
		}
		if (fd >= 0 && stat(path, &cur) == 0) {
			if (cur.st_ino != st.st_ino || cur.st_dev != st.st_dev) {
				/* rotated: the rest of the old file was read */
				close(fd);
				fd = -1;
				nhead = 0;
				continue;
			}
			if (cur.st_size < off ||
			    (nhead && (pread(fd, again, nhead, 0) != (ssize_t)nhead ||
				       memcmp(again, head, nhead) != 0))) {
				/* truncated or rewritten: start again from the top */
				if (heal_detect_flush(d, err) < 0) {
					close(fd);
					return -1;
				}
				lseek(fd, 0, SEEK_SET);
				off = 0;
				nhead = 0;
				continue;
			}
		} else if (fd >= 0) {
			/* removed: wait for it to come back */
			close(fd);
			fd = -1;
			nhead = 0;
		}
		poll(NULL, 0, 100);
	}
	if (fd >= 0)
		close(fd);
	return heal_detect_end(d, err);
}
