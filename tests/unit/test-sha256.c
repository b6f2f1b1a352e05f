#include <string.h>

#include "heal_sha256.h"
#include "tap.h"

int main(void)
{
	char hex[HEAL_SHA256_HEX];
	struct heal_sha256 c;
	unsigned char d[HEAL_SHA256_LEN];
	char big[1000];
	int i;

	heal_sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	heal_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	heal_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "two-block message");
	memset(big, 'a', sizeof(big));
	heal_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		heal_sha256_update(&c, big, sizeof(big));
	heal_sha256_final(&c, d);
	heal_hex(d, sizeof(d), hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "a million 'a' in pieces");
	/* the SHA instructions and the portable code agree, on every length
	 * across a few blocks and at every split of an update */
	if (!heal_sha256_accelerated(true)) {
		ok(1, "SHA instructions match # SKIP this processor has none");
	} else {
		unsigned char buf[300], a[HEAL_SHA256_LEN], b[HEAL_SHA256_LEN];
		int bad = 0, n;

		for (i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (unsigned char)(i * 131 + 7);
		for (n = 0; n <= (int)sizeof(buf) && !bad; n++) {
			heal_sha256_accelerated(false);
			heal_sha256_init(&c);
			heal_sha256_update(&c, buf, (size_t)n);
			heal_sha256_final(&c, a);
			heal_sha256_accelerated(true);
			heal_sha256_init(&c);
			heal_sha256_update(&c, buf, (size_t)n / 3);
			heal_sha256_update(&c, buf + n / 3, (size_t)(n - n / 3));
			heal_sha256_final(&c, b);
			bad = memcmp(a, b, sizeof(a)) != 0;
		}
		ok(!bad, "SHA instructions match the portable code (0..300 bytes)");
	}
	heal_sha256_accelerated(false);
	heal_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc, portable");
	heal_sha256_accelerated(true);
	return tap_done();
}
