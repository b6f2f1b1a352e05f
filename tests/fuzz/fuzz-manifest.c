/*
 * libFuzzer target: the backup-manifest reader
 * (heal_backup_manifest_parse).  What it accepts must hold canonical
 * paths, modes at most 0777, a valid session, and format back to the same
 * text (the format is strict, so parse o format is the identity).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_backup.h"
#include "heal_buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_backup_manifest m, again;
	struct heal_buf out;
	size_t i;

	if (heal_backup_manifest_parse((const char *)data, size, &m, &err) < 0) {
		if (!err.msg[0] || m.n || m.v || m.session)
			abort();
		return 0;
	}
	if (!heal_backup_session_ok(m.session))
		abort();
	for (i = 0; i < m.n; i++) {
		const struct heal_backup_entry *e = &m.v[i];

		if (!e->path || !heal_safefile_canonical(e->path) ||
		    e->mode > 0777)
			abort();
	}
	heal_buf_init(&out, HEAL_BACKUP_MANIFEST_MAX * 2);
	if (heal_backup_manifest_format(&m, &out, &err) < 0)
		abort();
	if (heal_backup_manifest_parse(out.data, out.len, &again, &err) < 0 ||
	    again.n != m.n)
		abort();
	if (out.len != size || memcmp(out.data, data, size) != 0)
		abort();
	heal_backup_manifest_release(&again);
	heal_backup_manifest_release(&m);
	heal_buf_release(&out);
	return 0;
}
