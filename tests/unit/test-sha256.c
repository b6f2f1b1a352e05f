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
	return tap_done();
}
