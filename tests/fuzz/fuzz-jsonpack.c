/*
 * libFuzzer target: the JSON pack reader (heal_json_pack.h).  The input is
 * read twice: as a whole pack (heal_json_pack_from and a look-up), and as
 * the tree of one entry whose source check passes (the first 16 bytes its
 * value, item, member and container counts, the rest its tree), so the
 * tree reader sees every input.  A tree that reads back must serialize.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_json_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void lookup(const struct heal_json_pack *p, const char *name,
		   const char *src, size_t len)
{
	struct heal_json_arena *a;
	struct heal_json *v = heal_json_pack_get(p, name, src, len, &a);
	struct heal_buf b;
	int k;

	for (k = 0; k < 2; k++) {
		if (v) {
			heal_buf_init(&b, 64u << 20);
			heal_json_serialize(&b, v, NULL);
			heal_buf_release(&b);
		}
		heal_json_arena_free(a);
		/* then unread, on the time the entry below records */
		if (k == 0)
			v = heal_json_pack_get_unread(
				p, name, len, &(struct timespec){ 0, 0 }, &a);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_json_pack *p = heal_json_pack_from((const char *)data,
						       size);
	uint64_t h = heal_json_pack_hash("", 0);
	uint32_t head[2] = { 0x01020304u, 1 }, e[14] = { 0 };
	struct heal_buf b;

	lookup(p, "f", "", 0);
	heal_json_pack_free(p);
	if (size < 16)
		return 0;
	/* one entry: name "f" from "", its counts and tree the input's */
	e[0] = 8 + 8 + 56;
	e[1] = 1;
	e[3] = (uint32_t)h;
	e[4] = (uint32_t)(h >> 32);
	e[5] = e[0] + 1;
	e[6] = (uint32_t)(size - 16);
	memcpy(&e[7], data, 16);
	heal_buf_init(&b, 64u << 20);
	heal_buf_put(&b, "HEALJPK4", 8);
	heal_buf_put(&b, head, sizeof(head));
	heal_buf_put(&b, e, sizeof(e));
	heal_buf_put(&b, "f", 1);
	heal_buf_put(&b, data + 16, size - 16);
	p = heal_json_pack_from(b.data, b.len);
	lookup(p, "f", "", 0);
	heal_json_pack_free(p);
	heal_buf_release(&b);
	return 0;
}
