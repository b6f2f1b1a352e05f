/*
 * heal-validate - prove applied fixes: syntax checks, a re-run of the
 * command, the project's tests; roll back what fails.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heal_alloc.h"
#include "heal_data.h"
#include "heal_main.h"
#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_regress.h"
#include "heal_spawn.h"
#include "heal_validate.h"

static const char usage[] =
	"Usage: heal-validate [OPTION]... [FILE]... [-- COMMAND [ARG]...]\n"
	"Prove the fixes in heal-fix's records (standard input, or FILEs): check the\n"
	"syntax of every changed file, re-run COMMAND (default: the command the\n"
	"error records carry) and compare its errors, run the tests; restore the\n"
	"backup when a fix fails.  Writes each fix record, then its validation record.\n"
	"\n"
	"  -C, --root DIR          the project root (default: the current directory)\n"
	"      --test CMD          the project's tests, which must pass too (a JSON\n"
	"                          array, or words split at blanks; never a shell)\n"
	"      --timeout SEC       limit for each run (default 600)\n"
	"      --no-rollback       keep failed fixes in place\n"
	"      --atomic            all or nothing: one failed fix undoes every fix\n"
	"                          (default: passing fixes that hold alone stay)\n"
	"      --no-syntax-check   skip the syntax checks\n"
	"      --patterns PATH     add pattern files for reading the re-run's output\n"
	"      --run-fd FD         write the command's last run to FD (for heal(1))\n"
	"  -k, --keep-going        report a bad input record, skip it and go on\n"
	"      --regressions       run the regression guards of .heal/regressions.ndjson\n"
	"                          instead: exit 1 when an error heal fixed is back\n"
	"      --write-test --yes  write the guards as a pytest or bats test of the\n"
	"                          project, in a file it names\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the version and exit\n"
	"\n"
	"Exit 0 when every applied fix passed and the command succeeded (or there\n"
	"was nothing to validate), 1 when a fix failed or the command still fails.\n"
	"\n";

enum { OPT_TEST = 256, OPT_TIMEOUT, OPT_NOROLL, OPT_NOSYNTAX, OPT_PATTERNS,
       OPT_ATOMIC, OPT_REGRESS, OPT_WTEST, OPT_YES, OPT_RUNFD };

static const struct option longopts[] = {
	{ "root", required_argument, NULL, 'C' },
	{ "test", required_argument, NULL, OPT_TEST },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "no-rollback", no_argument, NULL, OPT_NOROLL },
	{ "atomic", no_argument, NULL, OPT_ATOMIC },
	{ "no-syntax-check", no_argument, NULL, OPT_NOSYNTAX },
	{ "patterns", required_argument, NULL, OPT_PATTERNS },
	{ "keep-going", no_argument, NULL, 'k' },
	{ "regressions", no_argument, NULL, OPT_REGRESS },
	{ "write-test", no_argument, NULL, OPT_WTEST },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "run-fd", required_argument, NULL, OPT_RUNFD },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

struct out {
	struct heal_buf scratch;
};

static int emit(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct out *o = ctx;
	int r = heal_ndjson_write(stdout, rec, &o->scratch, err);

	heal_json_free(rec);
	return r;
}

/* Read one input: fix records to v, every other record straight through. */
static int read_input(const char *path, struct heal_validate *v,
		      const struct heal_ndjson_limits *lim, bool keep_going,
		      struct out *o, bool *bad, struct heal_error *err)
{
	struct heal_ndjson_reader rd;
	struct heal_json *rec;
	int k;

	if (heal_ndjson_reader_open(&rd, path, lim, err) < 0)
		return -1;
	while ((k = heal_ndjson_next(&rd, &rec, err)) != 0) {
		if (k > 0 && heal_record_check(rec, err) < 0) {
			heal_error_prefix(err, "%s:%llu", rd.name,
					  (unsigned long long)heal_ndjson_lineno(&rd));
			heal_json_free(rec);
			k = -1;
		}
		if (k < 0) {
			if (err->code == HEAL_ERR_IO || !keep_going)
				break;
			heal_main_report(err);
			*bad = true;
			continue;
		}
		if (heal_record_kind(rec) == HEAL_KIND_FIX)
			heal_validate_add(v, rec);
		else if (emit(o, rec, err) < 0)
			break;
		heal_error_clear(err);
	}
	heal_ndjson_reader_close(&rd);
	return k == 0 ? 0 : -1;
}

/* --regressions: events for heal-log on stdout, notes on stderr */
static int run_guards(const struct heal_validate_opts *vo, struct out *o)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_regress_result res;
	int status = HEAL_EXIT_OK;
	const char *p, *nl;
	size_t i;

	heal_regress_result_init(&res);
	if (heal_regress_run(vo, time(NULL), &res, &err) < 0)
		status = heal_main_fail(&err);
	for (p = heal_buf_str(&res.notes); *p; p = nl + 1) {
		nl = strchr(p, '\n');
		fprintf(stderr, "%s: %.*s\n", heal_main_progname(), (int)(nl - p), p);
	}
	for (i = 0; status == HEAL_EXIT_OK && i < res.events->u.arr.n; i++)
		if (heal_ndjson_write(stdout, res.events->u.arr.v[i], &o->scratch, &err) < 0)
			status = heal_main_fail(&err);
	if (status == HEAL_EXIT_OK && res.regressions)
		status = HEAL_EXIT_FINDINGS;
	heal_regress_result_release(&res);
	return status;
}

/* heal's own patterns, loaded when a command's output is first read */
static int load_own_patterns(void *ctx, const struct heal_pattern_set **out,
			     struct heal_error *err)
{
	struct heal_pattern_set *ps = ctx;
	int rc = heal_pattern_load_own(ps, NULL, HEAL_PATTERN_LAZY, err);

	if (rc == 0)
		rc = heal_pattern_set_finish(ps, err);
	if (rc == 0)
		*out = ps;
	return rc;
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_validate_opts vo;
	struct heal_ndjson_limits lim;
	struct heal_pattern_set ps;
	struct heal_root root;
	struct heal_validate *v;
	struct out o;
	const char *rootdir = NULL, **extra = NULL;
	char **test = NULL, *dir, *end;
	struct heal_validate_summary sum;
	bool keep_going = false, bad = false, guards = false, wtest = false, yes = false;
	size_t nextra = 0, i;
	int c, status = HEAL_EXIT_OK, first_cmd;

	heal_main_init(argv[0]);
	heal_validate_opts_init(&vo);
	while ((c = getopt_long(argc, argv, "+C:khV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': rootdir = optarg; break;
		case 'k': keep_going = true; break;
		case OPT_REGRESS: guards = true; break;
		case OPT_WTEST: wtest = true; break;
		case OPT_YES: yes = true; break;
		case OPT_NOROLL: vo.rollback = false; break;
		case OPT_ATOMIC: vo.atomic = true; break;
		case OPT_NOSYNTAX: vo.syntax = false; break;
		case OPT_TEST:
			heal_spawn_argv_free(test);
			if (!(test = heal_spawn_argv_parse(optarg, &err)))
				return heal_main_usage("--test: %s", err.msg);
			break;
		case OPT_TIMEOUT:
			vo.timeout = strtod(optarg, &end);
			if (*end || !(vo.timeout >= 0.001 && vo.timeout <= 86400))
				return heal_main_usage("--timeout takes seconds, up to 86400");
			break;
		case OPT_RUNFD:
			if (heal_main_fd(optarg, &vo.run_fd) < 0)
				return heal_main_usage("--run-fd takes an open descriptor above 2");
			break;
		case OPT_PATTERNS:
			extra = heal_reallocarray(extra, nextra + 1, sizeof(*extra));
			extra[nextra++] = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			fputs(heal_main_exit_help, stdout);
			return heal_main_finish(HEAL_EXIT_OK);
		case 'V':
			heal_main_version();
			return heal_main_finish(HEAL_EXIT_OK);
		default:
			return heal_main_usage("unknown option");
		}
	}
	/* FILE... up to "--", then the command (getopt may have eaten "--") */
	if (optind > 1 && strcmp(argv[optind - 1], "--") == 0)
		first_cmd = --optind;
	else
		for (first_cmd = optind; first_cmd < argc; first_cmd++)
			if (strcmp(argv[first_cmd], "--") == 0)
				break;
	if (first_cmd + 1 < argc) {
		argv[argc] = NULL;
		vo.command = (const char *const *)&argv[first_cmd + 1];
	}
	vo.test = (const char *const *)test;
	if (getenv("HEAL_ATTEMPT"))
		vo.attempt = strtol(getenv("HEAL_ATTEMPT"), NULL, 10);
	if (heal_ndjson_limits_from_env(&lim, &err) < 0)
		return heal_main_usage("%s", err.msg);
	if (wtest && !yes)
		return heal_main_usage("--write-test puts a file in your tree: give --yes too");
	if (heal_root_open(&root, rootdir, &err) < 0)
		return heal_main_fail(&err);
	if (wtest) {
		char *path = NULL;

		if (heal_regress_write_test(&root, &path, &err) < 0)
			status = heal_main_fail(&err);
		else
			heal_main_msg("wrote %s: the regression guards as a test (delete it to drop it)", path);
		free(path);
		heal_root_close(&root);
		return heal_main_finish(status);
	}
	heal_pattern_set_init(&ps);
	if (heal_data_dir_is_own() && nextra == 0) {
		/*
		 * heal's own patterns alone: loaded when an output is first
		 * read (a re-run that prints nothing needs none), and
		 * compiled when first used
		 */
		vo.load_patterns = load_own_patterns;
		vo.load_ctx = &ps;
	} else {
		/* a user's are checked whole at start-up, with heal's own */
		dir = heal_data_path("patterns");
		if (heal_pattern_load_dir(&ps, dir, NULL,
					  heal_data_dir_is_own() ? HEAL_PATTERN_LAZY : 0,
					  &err) < 0)
			status = heal_main_fail(&err);
		free(dir);
		for (i = 0; status == HEAL_EXIT_OK && i < nextra; i++)
			if (heal_pattern_load_path(&ps, extra[i], NULL, &err) < 0)
				status = heal_main_fail(&err);
		if (status == HEAL_EXIT_OK && heal_pattern_set_finish(&ps, &err) < 0)
			status = heal_main_fail(&err);
		vo.patterns = &ps;
	}
	if (status != HEAL_EXIT_OK)
		goto done;
	vo.root = &root;
	v = heal_validate_new(&vo);
	heal_buf_init(&o.scratch, lim.max_line);
	if (guards)
		status = run_guards(&vo, &o);
	else if (optind == first_cmd) {
		if (read_input("-", v, &lim, keep_going, &o, &bad, &err) < 0)
			status = heal_main_fail(&err);
	}
	for (i = (size_t)optind; !guards && status == HEAL_EXIT_OK && i < (size_t)first_cmd; i++)
		if (read_input(argv[i], v, &lim, keep_going, &o, &bad, &err) < 0)
			status = heal_main_fail(&err);
	if (!guards && status == HEAL_EXIT_OK) {
		if (heal_validate_run(v, emit, &o, &sum, &err) < 0)
			status = heal_main_fail(&err);
		else if (sum.failed || (sum.fixes && !sum.healed))
			status = HEAL_EXIT_FINDINGS;
		if (bad)
			status = heal_main_skipped(status);
	}
	heal_validate_free(v);
	heal_buf_release(&o.scratch);
done:
	heal_pattern_set_release(&ps);
	heal_root_close(&root);
	heal_spawn_argv_free(test);
	free(extra);
	return heal_main_finish(status);
}
