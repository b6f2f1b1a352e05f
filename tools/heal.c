/*
 * heal - run a command; when it fails, heal it: detect, analyze, fix,
 * validate, log, retry alternatives with backoff, roll back what fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_buf.h"
#include "heal_config.h"
#include "heal_driver.h"
#include "heal_main.h"
#include "heal_root.h"
#include "heal_text.h"

static const char usage[] =
	"Usage: heal [OPTION]... -- COMMAND [ARG]...\n"
	"Run COMMAND in the project root.  When it fails, run its output through\n"
	"heal-detect | heal-analyze | heal-fix | heal-validate | heal-log, keep the\n"
	"fixes that are proven, try the next candidate when one fails, and retry\n"
	"with backoff until COMMAND succeeds or the attempts run out; then keep\n"
	"the fixes that proved themselves when COMMAND reports fewer errors and\n"
	"none new (else undo them), say what is left, and ask for manual\n"
	"intervention.\n"
	"\n"
	"  -n, --dry-run           show the diffs heal would apply, change nothing\n"
	"  -y, --yes               approve every fix (no prompt)\n"
	"      --max-attempts N    attempts (default 3; proven ones not counted)\n"
	"      --atomic            all or nothing: keep no fix unless COMMAND is healed\n"
	"      --no-wait           no backoff delays between attempts\n"
	"  -C, --root DIR          the project root (default: the current directory)\n"
	"      --log FILE          the changelog (default .heal/changelog.ndjson)\n"
	"      --records FILE      write every attempt's records (NDJSON) to FILE\n"
	"      --test CMD          the project's tests, which must pass too\n"
	"      --timeout SEC       limit for each run of COMMAND (default 600)\n"
	"      --min-confidence X  apply only fixes this sure (default 0.85)\n"
	"      --approve POLICY    never, risky (default) or always ask\n"
	"      --explain           say why each candidate fix got its rank\n"
	"  -q, --quiet             no progress or summary lines\n"
	"  -v, --verbose           also each attempt's pipeline, fixes and timings\n"
	"      --print-config      show the configuration and where each value\n"
	"                          came from, and exit\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the version and exit\n"
	"\n"
	"Configuration: flags, then HEAL_* (and SELF_HEAL_*) variables, then\n"
	".heal/config.json, then $XDG_CONFIG_HOME/heal/config.json; see heal(1).\n"
	"\n"
	"Exit status: 0 when COMMAND succeeds (at once or after healing), else\n"
	"COMMAND's own last exit status; 127 when COMMAND is not found, 126 when\n"
	"it cannot be run, 2 for a usage error, 4 when heal itself fails.\n";

enum { OPT_MAX = 256, OPT_NOWAIT, OPT_LOG, OPT_TEST, OPT_TIMEOUT, OPT_MINCONF,
       OPT_APPROVE, OPT_EXPLAIN, OPT_PRINT, OPT_RECORDS, OPT_ATOMIC };

static const struct option longopts[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	{ "yes", no_argument, NULL, 'y' },
	{ "max-attempts", required_argument, NULL, OPT_MAX },
	{ "no-wait", no_argument, NULL, OPT_NOWAIT },
	{ "atomic", no_argument, NULL, OPT_ATOMIC },
	{ "root", required_argument, NULL, 'C' },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "records", required_argument, NULL, OPT_RECORDS },
	{ "test", required_argument, NULL, OPT_TEST },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "min-confidence", required_argument, NULL, OPT_MINCONF },
	{ "approve", required_argument, NULL, OPT_APPROVE },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "print-config", no_argument, NULL, OPT_PRINT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Whether a status line is on the terminal now (to clear before a line). */
static bool status_shown;

static void say(void *ctx, const char *line)
{
	(void)ctx;
	if (status_shown)
		fputs("\r\033[K", stderr);
	status_shown = false;
	heal_main_msg("%s", line);
}

/* One line, rewritten in place: carriage return, erase, the text (cut). */
static void show_status(void *ctx, const char *line)
{
	(void)ctx;
	if (!*line && !status_shown)
		return;
	fprintf(stderr, "\r\033[K%s%.*s", *line ? "heal: " : "", 72, line);
	fflush(stderr);
	status_shown = *line != '\0';
}

/* A flag as a configuration value; the option's name is its origin. */
struct flag {
	enum heal_config_key key;
	const char *value;
	const char *name;
};

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_driver_opts o;
	struct heal_driver_result res;
	struct heal_config cfg;
	struct heal_root root;
	struct flag flags[16];
	size_t nflags = 0, i;
	const char *records = NULL;
	bool print = false;
	int c, status;

	heal_main_init(argv[0]);
	memset(&o, 0, sizeof(o));
	while ((c = getopt_long(argc, argv, "+nyC:qvhV", longopts, NULL)) != -1) {
		struct flag f = { HEAL_CFG_COUNT, optarg, NULL };

		switch (c) {
		case 'n': f = (struct flag){ HEAL_CFG_DRY_RUN, "true", "--dry-run" }; break;
		case 'y': o.yes = true; break;
		case OPT_MAX: f = (struct flag){ HEAL_CFG_MAX_ATTEMPTS, optarg, "--max-attempts" }; break;
		case OPT_NOWAIT: o.no_wait = true; break;
		case OPT_ATOMIC: o.atomic = true; break;
		case 'C': o.root = optarg; break;
		case OPT_LOG: o.log_file = optarg; break;
		case OPT_RECORDS: records = optarg; break;
		case OPT_TEST: f = (struct flag){ HEAL_CFG_TEST, optarg, "--test" }; break;
		case OPT_TIMEOUT: f = (struct flag){ HEAL_CFG_TIMEOUT, optarg, "--timeout" }; break;
		case OPT_MINCONF: f = (struct flag){ HEAL_CFG_MIN_CONFIDENCE, optarg, "--min-confidence" }; break;
		case OPT_APPROVE: f = (struct flag){ HEAL_CFG_APPROVE, optarg, "--approve" }; break;
		case OPT_EXPLAIN: o.explain = true; break;
		case 'q': o.quiet = true; break;
		case 'v': f = (struct flag){ HEAL_CFG_VERBOSE, "true", "--verbose" }; break;
		case OPT_PRINT: print = true; break;
		case 'h':
			fputs(usage, stdout);
			return heal_main_finish(HEAL_EXIT_OK);
		case 'V':
			heal_main_version();
			return heal_main_finish(HEAL_EXIT_OK);
		default:
			return heal_main_usage("unknown option");
		}
		if (f.key != HEAL_CFG_COUNT && nflags < 16)
			flags[nflags++] = f;
	}
	if (heal_root_open(&root, o.root, &err) < 0)
		return heal_main_fail(&err);
	heal_config_init(&cfg);
	status = heal_config_load(&cfg, &root, &err);
	heal_root_close(&root);
	for (i = 0; status == 0 && i < nflags; i++)
		status = heal_config_set(&cfg, flags[i].key, flags[i].value,
					 HEAL_CONFIG_FLAG, flags[i].name, &err);
	if (status < 0) {
		heal_config_release(&cfg);
		return heal_main_usage("%s", err.msg);
	}
	if (print) {
		struct heal_buf b;

		heal_buf_init(&b, 1 << 20);
		heal_config_dump(&cfg, &b, &err);
		fputs(heal_buf_str(&b), stdout);
		heal_buf_release(&b);
		heal_config_release(&cfg);
		return heal_main_finish(HEAL_EXIT_OK);
	}
	if (optind >= argc) {
		heal_config_release(&cfg);
		return heal_main_usage("no command: heal [OPTION]... -- COMMAND [ARG]...");
	}
	o.command = (const char *const *)&argv[optind];
	o.cfg = &cfg;
	o.records_fd = -1;
	if (records) {
		o.records_fd = open(records, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
		if (o.records_fd < 0) {
			heal_error_sys(&err, errno, "cannot open '%s'", records);
			heal_config_release(&cfg);
			return heal_main_fail(&err);
		}
	}
	if (!o.quiet) {
		const char *term = getenv("TERM");

		o.say = say;
		o.say_ctx = NULL;
		/* a status line only where it can be rewritten in place */
		if (isatty(2) && term && *term && strcmp(term, "dumb") != 0)
			o.status = show_status;
		o.verbose = heal_config_bool(&cfg, HEAL_CFG_VERBOSE);
	}
	if (heal_driver_run(&o, &res, &err) < 0) {
		heal_main_report(&err);
		if (!res.attempts && err.sys_errno == ENOEXEC) {
			char *q = heal_text_escape_dup(o.command[0], strlen(o.command[0]));

			heal_main_msg("the kernel cannot run '%s': a script needs a '#!' "
				      "line naming its interpreter, or run it through one "
				      "(heal -- sh %s)", q, q);
			free(q);
		}
		/* a command that cannot start: the shell's 127 and 126 */
		if (!res.attempts && err.sys_errno == ENOENT)
			status = 127;
		else if (!res.attempts && (err.sys_errno == EACCES ||
					   err.sys_errno == ENOEXEC ||
					   err.sys_errno == EISDIR ||
					   err.sys_errno == EPERM))
			status = 126;
		else
			status = res.attempts && res.exit_status ? res.exit_status
				 : HEAL_EXIT_IOERR;
	} else {
		status = res.exit_status;
	}
	if (o.records_fd >= 0 && close(o.records_fd) < 0 && status == 0) {
		heal_error_sys(&err, errno, "cannot write '%s'", records);
		heal_main_report(&err);
		status = HEAL_EXIT_IOERR;
	}
	heal_config_release(&cfg);
	return heal_main_finish(status);
}
