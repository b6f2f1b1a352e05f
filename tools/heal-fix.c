/*
 * heal-fix - apply candidate fixes from analyzed error records, safely.
 * The work is in lib/heal_fix.c; this file is options, input and output.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_fix.h"
#include "heal_lock.h"
#include "heal_main.h"
#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_text.h"

static const char usage[] =
	"Usage: heal-fix [OPTION]... [FILE]...\n"
	"Apply the best candidate fix of each analyzed error record (NDJSON from\n"
	"FILEs or standard input) and write one fix record per error record.\n"
	"Fixes of one run for one file are rebased on each other: an identical\n"
	"edit is applied once, an overlapping one is refused.\n"
	"\n"
	"  -C, --root DIR          the project root (default: the current directory)\n"
	"  -n, --dry-run           change nothing anywhere; put the diff in the record\n"
	"      --diff              also print the diff of each fix to stderr\n"
	"      --min-confidence N  apply candidates with confidence >= N (0.85)\n"
	"      --approve POLICY    never, risky (default) or always ask for approval\n"
	"      --approve-timeout S  a question nobody answers in S seconds is a no (60)\n"
	"      --ask-fd FD         ask through socket FD (heal(1) does) not /dev/tty\n"
	"  -y, --yes               approve every fix that needs approval\n"
	"      --session ID        group this run's changes in backup session ID\n"
	"      --fix-id ID         apply the candidate with this id, whatever its confidence\n"
	"      --skip [ERR/]FIX    never choose candidate FIX (of error ERR), repeatable\n"
	"      --one-per-file      apply at most one fix to each file (the first planned)\n"
	"      --protect PATH      never write PATH (repeatable; .git and .heal always)\n"
	"      --allow-command PROG  allow running PROG (repeatable)\n"
	"      --timeout SECONDS   time limit of a fix's command (600)\n"
	"      --rollback SESSION  restore the files of a backup session and exit\n"
	"  -k, --keep-going        report bad records and go on\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the version and exit\n"
	"\n"
	"Environment: HEAL_ENV (development, staging, production),\n"
	"HEAL_APPROVE_TIMEOUT (seconds, as --approve-timeout),\n"
	"HEAL_LOCK_TIMEOUT (seconds to wait for the project lock, 10).\n"
	"\n";

enum { OPT_DIFF = 256, OPT_MINCONF, OPT_APPROVE, OPT_SESSION, OPT_FIXID,
       OPT_PROTECT, OPT_ALLOW, OPT_TIMEOUT, OPT_ROLLBACK, OPT_SKIP,
       OPT_ASKFD, OPT_ASKTIME, OPT_ONE };

static const struct option longopts[] = {
	{ "root", required_argument, NULL, 'C' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "min-confidence", required_argument, NULL, OPT_MINCONF },
	{ "approve", required_argument, NULL, OPT_APPROVE },
	{ "approve-timeout", required_argument, NULL, OPT_ASKTIME },
	{ "ask-fd", required_argument, NULL, OPT_ASKFD },
	{ "yes", no_argument, NULL, 'y' },
	{ "session", required_argument, NULL, OPT_SESSION },
	{ "fix-id", required_argument, NULL, OPT_FIXID },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "one-per-file", no_argument, NULL, OPT_ONE },
	{ "protect", required_argument, NULL, OPT_PROTECT },
	{ "allow-command", required_argument, NULL, OPT_ALLOW },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "rollback", required_argument, NULL, OPT_ROLLBACK },
	{ "keep-going", no_argument, NULL, 'k' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

struct input {
	struct heal_json **recs;
	size_t n;
};

/* Read every record first: the backup covers the whole run. */
static int read_all(const char *path, const struct heal_ndjson_limits *lim,
		    bool keep_going, bool *skipped, struct input *in)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_ndjson_reader r;
	struct heal_json *v;
	int k, status = 0;

	if (heal_ndjson_reader_open(&r, path, lim, &err) < 0)
		return heal_main_fail(&err);
	while ((k = heal_ndjson_next(&r, &v, &err)) != 0) {
		if (k > 0 && heal_record_check(v, &err) < 0) {
			heal_error_prefix(&err, "%s:%llu", r.name,
					  (unsigned long long)heal_ndjson_lineno(&r));
			heal_json_free(v);
			k = -1;
		}
		if (k < 0) {
			heal_main_report(&err);
			if (err.code == HEAL_ERR_IO || !keep_going) {
				status = heal_main_exit_for(err.code);
				break;
			}
			*skipped = true;
			continue;
		}
		in->recs = heal_reallocarray(in->recs, in->n + 1, sizeof(v));
		in->recs[in->n++] = v;
	}
	heal_ndjson_reader_close(&r);
	/* with --keep-going a skipped record makes the exit status 3 at the
	 * end (heal_main_skipped) */
	return status;
}

static void print_diff(const struct heal_json *rec)
{
	const char *d = heal_json_object_get_str(rec, "diff");
	struct heal_buf b;
	const char *p;

	if (!d)
		return;
	heal_buf_init(&b, (size_t)16 << 20);
	/* escaped for the terminal, keeping line breaks and tabs */
	for (p = d; *p; ) {
		size_t k = strcspn(p, "\n\t");

		heal_text_escape(&b, p, k, NULL);
		if (p[k])
			heal_buf_putc(&b, p[k]);
		p += k + (p[k] ? 1 : 0);
	}
	fflush(stdout);
	fwrite(b.data ? b.data : "", 1, b.len, stderr);
	heal_buf_release(&b);
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_fix_opts o;
	struct heal_ndjson_limits lim;
	struct input in = { NULL, 0 };
	struct heal_buf scratch;
	const char **protect = NULL, **allow = NULL, **skip = NULL;
	const char *rollback = NULL;
	bool keep_going = false, show_diff = false, skipped = false;
	struct heal_approve_prompt prompt;
	const char *ask_time = getenv("HEAL_APPROVE_TIMEOUT");
	struct heal_fix *fx;
	size_t *plan, i;
	int c, status = 0, ask_fd = -1;

	heal_main_init(argv[0]);
	heal_fix_opts_init(&o);
	heal_approve_prompt_init(&prompt);
	o.ask = heal_approve_ask_tty;
	o.ask_ctx = &prompt;
	while ((c = getopt_long(argc, argv, "C:nykhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': o.root = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'y': o.yes = true; break;
		case 'k': keep_going = true; break;
		case OPT_DIFF: show_diff = true; break;
		case OPT_SESSION: o.session = optarg; break;
		case OPT_FIXID: o.fix_id = optarg; break;
		case OPT_ROLLBACK: rollback = optarg; break;
		case OPT_MINCONF:
			if (heal_main_number(optarg, 0, 1, &o.min_confidence) < 0)
				return heal_main_usage("--min-confidence takes a number from 0 to 1");
			break;
		case OPT_TIMEOUT:
			if (heal_main_number(optarg, 0.001, 86400, &o.command_timeout) < 0)
				return heal_main_usage("--timeout takes seconds, up to 86400");
			break;
		case OPT_APPROVE:
			if (heal_approve_parse(optarg, &o.approve, &err) < 0)
				return heal_main_usage("%s", err.msg);
			break;
		case OPT_ASKTIME: ask_time = optarg; break;
		case OPT_ASKFD:
			if (heal_main_fd(optarg, &ask_fd) < 0 || !heal_approve_fd_usable(ask_fd))
				return heal_main_usage("--ask-fd takes an open socket's descriptor");
			o.ask = heal_approve_ask_fd;
			o.ask_ctx = &ask_fd;
			break;
		case OPT_PROTECT:
			protect = heal_reallocarray(protect, o.nprotect + 1, sizeof(char *));
			protect[o.nprotect++] = optarg;
			break;
		case OPT_ALLOW:
			allow = heal_reallocarray(allow, o.nallow + 1, sizeof(char *));
			allow[o.nallow++] = optarg;
			break;
		case OPT_SKIP:
			skip = heal_reallocarray(skip, o.nskip + 1, sizeof(char *));
			skip[o.nskip++] = optarg;
			break;
		case OPT_ONE: o.one_per_file = true; break;
		case 'h':
			fputs(usage, stdout);
			fputs(heal_main_exit_help, stdout);
			return heal_main_finish(0);
		case 'V':
			heal_main_version();
			return heal_main_finish(0);
		default:
			return heal_main_usage("unknown option");
		}
	}
	if (ask_time && *ask_time && heal_main_number(ask_time, 0.1, 86400, &prompt.timeout) < 0)
		return heal_main_usage("the approval timeout takes seconds, up to 86400");
	o.protect = protect;
	o.allow = allow;
	o.skip = skip;
	if (heal_approve_env_parse(getenv("HEAL_ENV"), &o.env, &err) < 0 ||
	    heal_lock_wait_from_env(&o.lock_wait, &err) < 0 ||
	    heal_ndjson_limits_from_env(&lim, &err) < 0)
		return heal_main_usage("%s", err.msg);
	fx = heal_fix_new(&o, &err);
	if (!fx) {
		free(protect);
		free(allow);
		free(skip);
		return heal_main_fail(&err);
	}
	if (rollback) {
		size_t n = 0;

		if (heal_fix_rollback(fx, rollback, &n, &err) < 0)
			status = heal_main_fail(&err);
		else
			heal_main_msg("restored %zu file%s from session '%s'", n,
				      n == 1 ? "" : "s", rollback);
		goto out;
	}
	if (optind >= argc)
		status = read_all("-", &lim, keep_going, &skipped, &in);
	for (; optind < argc && status == 0; optind++)
		status = read_all(argv[optind], &lim, keep_going, &skipped, &in);
	if (status != 0)
		goto out;
	plan = heal_calloc(in.n ? in.n : 1, sizeof(*plan));
	for (i = 0; i < in.n; i++)
		if (heal_record_kind(in.recs[i]) == HEAL_KIND_ERROR)
			plan[i] = heal_fix_plan(fx, in.recs[i]);
	if (heal_fix_begin(fx, &err) < 0)
		heal_main_report(&err);
	/* records replace their input in place: none is written before the
	 * changes are durable (heal_fix_finish) */
	for (i = 0; i < in.n; i++) {
		if (heal_record_kind(in.recs[i]) != HEAL_KIND_ERROR)
			continue;
		in.recs[i] = heal_fix_apply(fx, plan[i], in.recs[i]);
		if (show_diff)
			print_diff(in.recs[i]);
	}
	if (heal_fix_finish(fx, in.recs, in.n, &err) < 0)
		heal_main_report(&err);
	heal_buf_init(&scratch, (size_t)64 << 20);
	for (i = 0; i < in.n; i++) {
		heal_buf_reset(&scratch);
		if (heal_ndjson_write(stdout, in.recs[i], &scratch, &err) < 0 &&
		    !status)
			status = heal_main_fail(&err);
	}
	if (!status)
		status = heal_main_exit_for(heal_fix_outcome(fx));
	if (skipped)
		status = heal_main_skipped(status);
	heal_buf_release(&scratch);
	free(plan);
out:
	for (i = 0; i < in.n; i++)
		heal_json_free(in.recs[i]);
	free(in.recs);
	heal_fix_free(fx);
	free(protect);
	free(allow);
	free(skip);
	return heal_main_finish(status);
}
