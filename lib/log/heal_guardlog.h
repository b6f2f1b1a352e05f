/*
 * heal_guardlog.h - the regression guards heal-log leaves (heal_guard.h).
 *
 * heal-log shows every record it passes through to a collector.  A
 * validation record that passed names a fingerprint its fix removed; one
 * with "healed" true says the command it re-ran (the "re-run" check's
 * command, else the command the error record carries) now succeeds.  At
 * the end of the input, each healed command gets one guard holding the
 * fingerprints fixed for it: those of this input and, for a run heal(1)
 * drives over several attempts, the fix_validated events the changelog
 * holds for the same run.  A command that never healed leaves no guard
 * (heal rolls its fixes back, and the errors would come back).
 */
#ifndef HEAL_GUARDLOG_H
#define HEAL_GUARDLOG_H

#include <stddef.h>
#include <time.h>

#include "heal_changelog.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_root.h"

struct heal_guardlog;

/* A new collector, owned by the caller; free with heal_guardlog_free. */
struct heal_guardlog *heal_guardlog_new(void);
/* Accepts NULL. */
void heal_guardlog_free(struct heal_guardlog *g);

/* Look at one record (borrowed); only validation records count. */
void heal_guardlog_add(struct heal_guardlog *g, const struct heal_json *rec);

/*
 * Write the guards of the healed commands beneath root (cl, opened, may
 * give earlier events of run; run may be NULL).  *written (may be NULL)
 * counts the guards that were new.  When guards is not NULL each guard
 * written is appended to it as well (for the shared store).
 */
int heal_guardlog_flush(struct heal_guardlog *g, struct heal_changelog *cl,
			const struct heal_root *root, const char *run,
			time_t now, size_t *written, struct heal_json *guards,
			struct heal_error *err);

#endif
