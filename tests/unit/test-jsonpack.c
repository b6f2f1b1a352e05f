#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "heal_config_build.h"
#include "heal_json.h"
#include "heal_json_pack.h"
#include "tap.h"

/* v as one line of JSON (owned by the caller) */
static char *json_text(const struct heal_json *v)
{
	struct heal_buf b;

	heal_buf_init(&b, 64u << 20);
	heal_json_serialize(&b, v, NULL);
	return heal_buf_detach(&b, NULL);
}

/* A pack of the documents docs[0..n), each under "d<i>.json". */
/* The modification time make_pack records for document i (the even
 * ones): seconds past 32 bits, and nanoseconds. */
#define doc_time(i) \
	((struct timespec){ .tv_sec = ((time_t)1 << 33) + (time_t)(i), \
			    .tv_nsec = 999999990 - (long)(i) })

static void make_pack(const char *const *docs, size_t n, struct heal_buf *out)
{
	struct heal_json_pack_writer w;
	struct heal_error err = HEAL_ERROR_INIT;
	size_t i;

	heal_json_pack_writer_init(&w);
	for (i = 0; i < n; i++) {
		struct heal_json_arena *a;
		struct heal_json *v = heal_json_parse_frozen(docs[i],
							     strlen(docs[i]),
							     NULL, &a, &err);
		char name[32];

		snprintf(name, sizeof(name), "d%zu.json", i);
		/* the even documents with a time of their file's */
		heal_json_pack_writer_add(&w, name, docs[i], strlen(docs[i]),
					  i % 2 ? NULL : &doc_time(i), v, &err);
		heal_json_arena_free(a);
	}
	heal_buf_init(out, 64u << 20);
	heal_json_pack_writer_finish(&w, out, &err);
	heal_json_pack_writer_release(&w);
}

static const char *const docs[] = {
	"{\"a\":[1,{\"b\":\"x\"}],\"c\":\"y\",\"d\":null,\"e\":true,\"f\":-1.5e3,\"g\":false}",
	"[[],{},[[[\"deep\"]]],\"\\u00e9\\n\",0, \"nul \\u0000 inside\"]",
	"\"just a string\"",
	"{\"k\\u0000ey\": {\"\": []}, \"n\": 12345678901234567}",
	"  {}  ",
};
#define NDOCS (sizeof(docs) / sizeof(docs[0]))

/* Each document reads back as yajl parses it, frozen, and only from the
 * bytes it was made from. */
static void test_roundtrip(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_pack *p;
	struct heal_buf b;
	size_t i;

	make_pack(docs, NDOCS, &b);
	p = heal_json_pack_from(b.data, b.len);
	ok(p != NULL, "a pack reads");
	for (i = 0; i < NDOCS; i++) {
		struct heal_json_arena *a, *pa;
		struct heal_json *v = heal_json_parse_frozen(docs[i],
							     strlen(docs[i]),
							     NULL, &pa, &err);
		struct heal_json *got;
		char name[32], *want, *have, *changed;

		snprintf(name, sizeof(name), "d%zu.json", i);
		got = heal_json_pack_get(p, name, docs[i], strlen(docs[i]), &a);
		ok(got && a && got->frozen, "%s: read back frozen", name);
		want = json_text(v);
		have = got ? json_text(got) : NULL;
		is_str(have, want, "%s: the same document as the parse", name);
		heal_json_arena_free(a);
		/* the same length, one byte other: the file changed */
		changed = strdup(docs[i]);
		changed[strlen(changed) / 2] ^= 0x20;
		got = heal_json_pack_get(p, name, changed, strlen(changed), &a);
		ok(!got && !a, "%s: not from other bytes", name);
		got = heal_json_pack_get(p, name, docs[i], strlen(docs[i]) - 1,
					 &a);
		ok(!got && !a, "%s: not from fewer bytes", name);
		free(changed);
		free(want);
		free(have);
		heal_json_arena_free(pa);
	}
	ok(!heal_json_pack_get(p, "other.json", docs[0], strlen(docs[0]),
			       &(struct heal_json_arena *){ NULL }),
	   "no entry of another name");
	ok(!heal_json_pack_get(NULL, "d0.json", docs[0], strlen(docs[0]),
			       &(struct heal_json_arena *){ NULL }),
	   "no pack: nothing");
	heal_json_pack_free(p);
	heal_buf_release(&b);
}

/* Read back unread: only on the length and time recorded for the file. */
static void test_unread(void)
{
	struct heal_json_pack *p;
	struct heal_buf b;
	size_t i;

	make_pack(docs, NDOCS, &b);
	p = heal_json_pack_from(b.data, b.len);
	for (i = 0; i < NDOCS; i++) {
		struct heal_json_arena *a, *ra;
		struct heal_json *got;
		struct timespec t = doc_time(i), other;
		char name[32], *want, *have;

		snprintf(name, sizeof(name), "d%zu.json", i);
		got = heal_json_pack_get_unread(p, name, strlen(docs[i]), &t,
						&a);
		if (i % 2) {
			ok(!got && !a, "%s: no time recorded, not taken unread",
			   name);
			continue;
		}
		want = json_text(heal_json_pack_get(p, name, docs[i],
						    strlen(docs[i]), &ra));
		have = got ? json_text(got) : NULL;
		ok(got && a && got->frozen && have && strcmp(have, want) == 0,
		   "%s: its length and time: the document, unread", name);
		free(want);
		free(have);
		heal_json_arena_free(ra);
		heal_json_arena_free(a);
		other = t;
		other.tv_nsec++;
		ok(!heal_json_pack_get_unread(p, name, strlen(docs[i]), &other,
					      &a) && !a,
		   "%s: a nanosecond later: not taken", name);
		other = t;
		other.tv_sec ^= (time_t)1 << 33;
		ok(!heal_json_pack_get_unread(p, name, strlen(docs[i]), &other,
					      &a) && !a,
		   "%s: the same low 32 bits of seconds: not taken", name);
		ok(!heal_json_pack_get_unread(p, name, strlen(docs[i]) + 1, &t,
					      &a) && !a,
		   "%s: another length: not taken", name);
		ok(!heal_json_pack_get_unread(p, name, strlen(docs[i]), NULL,
					      &a) && !a,
		   "%s: no time: not taken", name);
	}
	heal_json_pack_free(p);
	heal_buf_release(&b);
}

/* Every document read back three times over, all kept: the first round
 * takes the pack's room (one mapping, sized for each entry once), the
 * later ones arenas of their own; none may overwrite another. */
static void test_kept(void)
{
	struct heal_json_pack *p;
	struct heal_json *got[3][NDOCS];
	struct heal_json_arena *a[3][NDOCS];
	struct heal_buf b;
	size_t i, k;
	bool same = true;

	make_pack(docs, NDOCS, &b);
	p = heal_json_pack_from(b.data, b.len);
	for (k = 0; k < 3; k++)
		for (i = 0; i < NDOCS; i++) {
			char name[32];

			snprintf(name, sizeof(name), "d%zu.json", i);
			got[k][i] = heal_json_pack_get(p, name, docs[i],
						       strlen(docs[i]),
						       &a[k][i]);
		}
	for (k = 0; k < 3; k++)
		for (i = 0; i < NDOCS; i++) {
			struct heal_error err = HEAL_ERROR_INIT;
			struct heal_json_arena *pa;
			struct heal_json *v =
				heal_json_parse_frozen(docs[i], strlen(docs[i]),
						       NULL, &pa, &err);
			char *want = json_text(v);
			char *have = got[k][i] ? json_text(got[k][i]) : NULL;

			if (!have || strcmp(have, want) != 0) {
				printf("# round %zu, d%zu.json: %s\n", k, i,
				       have ? have : "(none)");
				same = false;
			}
			free(want);
			free(have);
			heal_json_arena_free(pa);
			heal_json_arena_free(a[k][i]);
		}
	ok(same, "each document read back three times, all kept, all whole");
	heal_json_pack_free(p);
	heal_buf_release(&b);
}

/* Cut short, a pack is no pack; with any bit changed, its entries read
 * back or not, but never past its end (ASan and UBSan watch). */
static void test_damaged(void)
{
	struct heal_buf b;
	size_t i, cut_ok = 0, magic_ok = 0;

	make_pack(docs, NDOCS, &b);
	for (i = 0; i < b.len; i++) {
		struct heal_json_pack *p = heal_json_pack_from(b.data, i);

		/* the last tree ends the file: any cut leaves an entry
		 * pointing past the end */
		if (!p)
			cut_ok++;
		heal_json_pack_free(p);
	}
	for (i = 0; i < b.len; i++) {
		size_t k, bit;

		for (bit = 0; bit < 8; bit++) {
			struct heal_json_pack *p;

			b.data[i] ^= (char)(1u << bit);
			p = heal_json_pack_from(b.data, b.len);
			for (k = 0; k < NDOCS; k++) {
				struct heal_json_arena *a;
				char name[32];
				struct heal_json *v;

				snprintf(name, sizeof(name), "d%zu.json", k);
				v = heal_json_pack_get(p, name, docs[k],
						       strlen(docs[k]), &a);
				if (v)
					free(json_text(v));
				heal_json_arena_free(a);
			}
			if (i < 8 && !p)
				magic_ok++;
			heal_json_pack_free(p);
			b.data[i] ^= (char)(1u << bit);
		}
	}
	is_int(cut_ok, b.len, "a pack cut short is no pack");
	is_int(magic_ok, 64, "a pack with another magic is no pack");
	ok(heal_json_pack_from("HEALJPK0", 8) == NULL,
	   "another magic: no pack");
	ok(heal_json_pack_open("/nonexistent/patterns.pack") == NULL,
	   "no file: no pack");
	heal_buf_release(&b);
}

/* heal's own pattern files: the pack built with them holds each as yajl
 * parses it. */
static void test_own_files(void)
{
	char *dir = HEAL_SOURCE_DATADIR "/patterns";
	struct heal_json_pack *p = heal_json_pack_open(HEAL_BUILD_ROOT
						       "/share/patterns.pack");
	struct dirent *de;
	size_t same = 0, n = 0;
	DIR *d = opendir(dir);

	ok(p != NULL, "the build made patterns.pack");
	if (!d || !p) {
		if (d)
			closedir(d);
		heal_json_pack_free(p);
		return;
	}
	while ((de = readdir(d))) {
		char path[4096];
		struct heal_json_arena *a, *pa;
		struct heal_json *v, *got;
		struct heal_error err = HEAL_ERROR_INIT;
		char *text, *t1, *t2;
		size_t len;
		FILE *f;

		if (!strstr(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		text = malloc(4u << 20);
		len = fread(text, 1, 4u << 20, f);
		fclose(f);
		n++;
		v = heal_json_parse_frozen(text, len, NULL, &pa, &err);
		got = heal_json_pack_get(p, de->d_name, text, len, &a);
		if (v && got) {
			t1 = json_text(v);
			t2 = json_text(got);
			same += strcmp(t1, t2) == 0;
			free(t1);
			free(t2);
		} else {
			printf("# %s: %s\n", de->d_name,
			       v ? "not in the pack" : err.msg);
		}
		heal_json_arena_free(a);
		heal_json_arena_free(pa);
		free(text);
	}
	closedir(d);
	ok(n > 50, "%zu pattern files", n);
	is_int(same, n, "each reads back from the pack as it parses");
	heal_json_pack_free(p);
}

int main(void)
{
	test_roundtrip();
	test_kept();
	test_unread();
	test_damaged();
	test_own_files();
	return tap_done();
}
