/*
 * heal_sha256.h - SHA-256 (FIPS 180-4), for pre-image checks, backup
 * manifests and record fingerprints.
 */
#ifndef HEAL_SHA256_H
#define HEAL_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAL_SHA256_LEN 32
#define HEAL_SHA256_HEX (2 * HEAL_SHA256_LEN + 1)

struct heal_sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char block[64];
	size_t used;
};

void heal_sha256_init(struct heal_sha256 *c);
void heal_sha256_update(struct heal_sha256 *c, const void *data, size_t len);
void heal_sha256_final(struct heal_sha256 *c, unsigned char out[HEAL_SHA256_LEN]);
/* One-shot digest of data[0..len) as 64 lower-case hex digits and a NUL. */
void heal_sha256_hex(const void *data, size_t len, char out[HEAL_SHA256_HEX]);
/*
 * Use the processor's SHA instructions where it has them (the default,
 * looked up at the first block) or not (use false: the portable code, for
 * tests that compare the two).  Returns whether the processor has them.
 */
bool heal_sha256_accelerated(bool use);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void heal_hex(const unsigned char *in, size_t n, char *out);

#endif
