#include <string.h>

#include "heal_sha256.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* The portable compression of one 64-byte block into h. */
static void compress_c(uint32_t *hv, const unsigned char *p)
{
	uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = hv[0]; b = hv[1]; cc = hv[2]; d = hv[3];
	e = hv[4]; f = hv[5]; g = hv[6]; h = hv[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		     ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		     ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	hv[0] += a; hv[1] += b; hv[2] += cc; hv[3] += d;
	hv[4] += e; hv[5] += f; hv[6] += g; hv[7] += h;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define SHA_NI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/*
 * Four rounds of group g: its four message words (computed from the four
 * groups before it from g = 4 on, in m[g % 4]) plus K, two rounds each
 * half.  Written out per group so that every index is a constant.
 */
#define NI_GROUP(g)							\
	do {								\
		__m128i k_;						\
		if ((g) >= 4) {						\
			__m128i t_ = _mm_sha256msg1_epu32(m[(g) & 3],	\
							  m[((g) + 1) & 3]); \
			t_ = _mm_add_epi32(t_, _mm_alignr_epi8(		\
				m[((g) + 3) & 3], m[((g) + 2) & 3], 4));	\
			m[(g) & 3] = _mm_sha256msg2_epu32(t_,		\
							  m[((g) + 3) & 3]); \
		}							\
		k_ = _mm_add_epi32(m[(g) & 3],				\
			_mm_loadu_si128((const __m128i *)(K + 4 * (g))));	\
		s1 = _mm_sha256rnds2_epu32(s1, s0, k_);			\
		k_ = _mm_shuffle_epi32(k_, 0x0e);			\
		s0 = _mm_sha256rnds2_epu32(s0, s1, k_);			\
	} while (0)

/* The same compression with the SHA extensions (Intel since Goldmont and
 * Ice Lake, AMD since Zen): about a tenth of the portable one's time. */
SHA_NI_TARGET static void compress_ni(uint32_t *hv, const unsigned char *p)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
					    0x0405060700010203LL);
	__m128i s0, s1, t, abef, cdgh, m[4];
	int i;

	/* h as the instructions want it: ABEF and CDGH */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)hv), 0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(hv + 4)), 0x1b);
	s0 = _mm_alignr_epi8(t, s1, 8);
	s1 = _mm_blend_epi16(s1, t, 0xf0);
	abef = s0;
	cdgh = s1;
	for (i = 0; i < 4; i++)
		m[i] = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(p + 16 * i)), swap);
	NI_GROUP(0); NI_GROUP(1); NI_GROUP(2); NI_GROUP(3);
	NI_GROUP(4); NI_GROUP(5); NI_GROUP(6); NI_GROUP(7);
	NI_GROUP(8); NI_GROUP(9); NI_GROUP(10); NI_GROUP(11);
	NI_GROUP(12); NI_GROUP(13); NI_GROUP(14); NI_GROUP(15);
	s0 = _mm_add_epi32(s0, abef);
	s1 = _mm_add_epi32(s1, cdgh);
	t = _mm_shuffle_epi32(s0, 0x1b);
	s1 = _mm_shuffle_epi32(s1, 0xb1);
	_mm_storeu_si128((__m128i *)hv, _mm_blend_epi16(t, s1, 0xf0));
	_mm_storeu_si128((__m128i *)(hv + 4), _mm_alignr_epi8(s1, t, 8));
}

static bool cpu_has_sha(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) ||
	    !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return false;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b & bit_SHA) != 0;
}
#endif

/* -1: not yet looked at; 0: portable; 1: the SHA extensions (read and
 * set relaxed: threads that look at the CPU at once find the same) */
static int use_ni = -1;

static void compress(struct heal_sha256 *c, const unsigned char *p)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	int ni = __atomic_load_n(&use_ni, __ATOMIC_RELAXED);

	if (ni < 0) {
		ni = cpu_has_sha();
		__atomic_store_n(&use_ni, ni, __ATOMIC_RELAXED);
	}
	if (ni) {
		compress_ni(c->h, p);
		return;
	}
#endif
	compress_c(c->h, p);
}

bool heal_sha256_accelerated(bool use)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	bool had = cpu_has_sha();

	__atomic_store_n(&use_ni, use && had, __ATOMIC_RELAXED);
	return had;
#else
	(void)use;
	__atomic_store_n(&use_ni, 0, __ATOMIC_RELAXED);
	return false;
#endif
}

void heal_sha256_init(struct heal_sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof(iv));
	c->total = 0;
	c->used = 0;
}

void heal_sha256_update(struct heal_sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;

	c->total += len;
	if (c->used) {
		size_t k = 64 - c->used;

		if (k > len)
			k = len;
		memcpy(c->block + c->used, p, k);
		c->used += k;
		p += k;
		len -= k;
		if (c->used < 64)
			return;
		compress(c, c->block);
		c->used = 0;
	}
	while (len >= 64) {
		compress(c, p);
		p += 64;
		len -= 64;
	}
	memcpy(c->block, p, len);
	c->used = len;
}

void heal_sha256_final(struct heal_sha256 *c, unsigned char out[HEAL_SHA256_LEN])
{
	uint64_t bits = c->total * 8;
	int i;

	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		compress(c, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(c, c->block);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void heal_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void heal_sha256_hex(const void *data, size_t len, char out[HEAL_SHA256_HEX])
{
	struct heal_sha256 c;
	unsigned char d[HEAL_SHA256_LEN];

	heal_sha256_init(&c);
	heal_sha256_update(&c, data, len);
	heal_sha256_final(&c, d);
	heal_hex(d, sizeof(d), out);
}
