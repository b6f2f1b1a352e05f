/*
 * heal_regress.h - run the regression guards (heal_guard.h): heal-validate
 * --regressions.
 *
 * Each distinct (command, cwd) of .heal/regressions.ndjson is run once, in
 * cwd beneath the root, with the caller's environment; its output is read
 * with heal-detect's engine, and every fingerprint a guard holds that is
 * reported again is a regression: the error heal once fixed is back.  A
 * guard's command is input (anyone who can write the file would choose
 * what runs), so it runs only under the rule heal-validate applies to the
 * commands records carry (heal_validate_command_refused); a refused or
 * broken guard is a note, never run.
 */
#ifndef HEAL_REGRESS_H
#define HEAL_REGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_validate.h"

struct heal_regress_result {
	size_t guards;        /* valid guards read */
	size_t commands;      /* distinct commands run */
	size_t refused;       /* guards not run (refused command, bad cwd) */
	size_t regressions;   /* fingerprints back */
	/*
	 * One event record (heal-records(5), event "regression_detected")
	 * per regression, for heal-log: incident the fingerprint, fix_id
	 * and rule the original fix, reason naming the guard and its date.
	 * Owned.
	 */
	struct heal_json *events;
	struct heal_buf notes;  /* lines for the user (regressions, refusals) */
};

void heal_regress_result_init(struct heal_regress_result *r);
void heal_regress_result_release(struct heal_regress_result *r);

/*
 * Run the guards of o->root with o's patterns (or pattern loader) and
 * timeout.  -1 with err set when the guard file cannot be read or the
 * detection engine fails; a command that cannot be started is a note.
 */
int heal_regress_run(const struct heal_validate_opts *o, time_t now,
		     struct heal_regress_result *res, struct heal_error *err);

/*
 * Write the guards as a test of the project's own framework, in a file the
 * user sees and can delete: pytest (pytest.ini, conftest.py, a
 * [tool.pytest] or [tool:pytest] section, or tests/test_*.py) gets
 * tests/test_heal_regressions.py (test_heal_regressions.py without a
 * tests/ directory), bats (*.bats in test/ or tests/) gets
 * DIR/heal-regressions.bats.  The test runs heal-validate --regressions on
 * the root and fails with its message; it skips when heal-validate is not
 * installed, and inside heal's own run of the guards (a guarded command
 * may be the test suite itself).  A file of that name that heal did not
 * write is never replaced (HEAL_ERR_REFUSED).  *path gets the root-relative
 * name written (owned by the caller); HEAL_ERR_INPUT when no framework heal
 * knows is found.  Takes the project lock to write.
 */
int heal_regress_write_test(const struct heal_root *root, char **path,
			    struct heal_error *err);

#endif
