/*
 * heal-log - pass records through, append their events to the audit
 * changelog; export, statistics, health and reports (heal-log(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heal_changelog.h"
#include "heal_config.h"
#include "heal_logger.h"
#include "heal_logq.h"
#include "heal_main.h"
#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_report.h"
#include "heal_root.h"

/* after M_LOG, in the order of enum heal_logq_mode */
enum mode { M_LOG, M_EXPORT, M_STATS, M_HEALTH, M_REBUILD, M_INIT, M_SYNC, M_PULL };

struct opts {
	enum mode mode;
	const char *changelog, *root, *run, *store, *project;
	bool keep_going, no_log, json, report;
	enum heal_report_format format;
	size_t runs;
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Pass heal records through and append their events to the changelog.\n"
	       "\n"
	       "      --changelog FILE  the changelog (default: .heal/changelog.ndjson,\n"
	       "                        or $HEAL_LOG_DIR/changelog.ndjson)\n"
	       "      --root DIR        the project root (default: .)\n"
	       "      --run ID          the run id of the events (default: $HEAL_RUN)\n"
	       "  -k, --keep-going      report and skip bad records\n"
	       "      --no-log          do not write the changelog\n"
	       "      --export          write the changelog as one JSON document\n"
	       "      --stats           statistics from the changelog\n"
	       "      --health          health score and status, trend over the last runs\n"
	       "      --runs N          runs in the trend (default: 5)\n"
	       "      --json            --stats and --health as JSON\n"
	       "      --rebuild-stats   derive .heal/learning.json again from the changelog\n"
	       "      --store CONN      the shared PostgreSQL store (default: $HEAL_STORE);\n"
	       "                        --stats and --health read it, across projects\n"
	       "      --project NAME    the project (default: $HEAL_PROJECT, the root's name)\n"
	       "      --store-init      create or migrate the store's schema\n"
	       "      --store-sync      upload the local changelog and guards to the store\n"
	       "      --store-pull      the other projects' learning counts to .heal\n"
	       "      --format FMT      instead of the records, write a report on them:\n"
	       "                        text, sarif, github, rdjsonl, junit, markdown\n"
	       "                        or codequality\n"
	       "  -h, --help            show this help\n"
	       "  -V, --version         show the version\n"
	       "\n%s", heal_main_progname(), heal_main_exit_help);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_CHANGELOG = 256, O_ROOT, O_RUN, O_NOLOG, O_EXPORT, O_STATS,
	       O_HEALTH, O_RUNS, O_JSON, O_REBUILD, O_FORMAT, O_STORE, O_PROJECT,
	       O_INIT, O_SYNC, O_PULL };
	static const struct option longopts[] = {
		{ "changelog", required_argument, NULL, O_CHANGELOG },
		{ "root", required_argument, NULL, O_ROOT },
		{ "run", required_argument, NULL, O_RUN },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "no-log", no_argument, NULL, O_NOLOG },
		{ "export", no_argument, NULL, O_EXPORT },
		{ "stats", no_argument, NULL, O_STATS },
		{ "health", no_argument, NULL, O_HEALTH },
		{ "runs", required_argument, NULL, O_RUNS },
		{ "json", no_argument, NULL, O_JSON },
		{ "rebuild-stats", no_argument, NULL, O_REBUILD },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "store", required_argument, NULL, O_STORE },
		{ "project", required_argument, NULL, O_PROJECT },
		{ "store-init", no_argument, NULL, O_INIT },
		{ "store-sync", no_argument, NULL, O_SYNC },
		{ "store-pull", no_argument, NULL, O_PULL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long n;
	int c;

	while ((c = getopt_long(argc, argv, "khV", longopts, NULL)) != -1) {
		switch (c) {
		case O_CHANGELOG: o->changelog = optarg; break;
		case O_ROOT: o->root = optarg; break;
		case O_RUN: o->run = optarg; break;
		case 'k': o->keep_going = true; break;
		case O_NOLOG: o->no_log = true; break;
		case O_EXPORT: o->mode = M_EXPORT; break;
		case O_STATS: o->mode = M_STATS; break;
		case O_HEALTH: o->mode = M_HEALTH; break;
		case O_REBUILD: o->mode = M_REBUILD; break;
		case O_STORE: o->store = optarg; break;
		case O_PROJECT: o->project = optarg; break;
		case O_INIT: o->mode = M_INIT; break;
		case O_SYNC: o->mode = M_SYNC; break;
		case O_PULL: o->mode = M_PULL; break;
		case O_JSON: o->json = true; break;
		case O_FORMAT:
			if (heal_report_format_parse(optarg, &o->format) < 0)
				return heal_main_usage("unknown format '%s'", optarg);
			o->report = true;
			break;
		case O_RUNS:
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || n < 1 || n > 1000000)
				return heal_main_usage("--runs takes a number from 1 to 1000000");
			o->runs = (size_t)n;
			break;
		case 'h': usage(); return -1;
		case 'V': heal_main_version(); return -1;
		default: return HEAL_EXIT_USAGE;
		}
	}
	return 0;
}

struct state {
	const struct opts *o;
	struct heal_changelog cl;
	struct heal_ndjson_limits lim;
	struct heal_buf scratch;
	const char *log_dir;
	struct heal_report *report;
	char *run;
	struct heal_logger lg;       /* the changelog, store and guards */
	bool skipped;                /* a bad line was skipped (--keep-going) */
};

/* A warning from the store: printed once it is set, then cleared. */
static void warned(struct heal_error *warn)
{
	if (warn->code)
		heal_main_msg("warning: %s", warn->msg);
	heal_error_clear(warn);
}

/* One input: pass each record through and log its events. */
static int log_input(struct state *st, const char *path)
{
	struct heal_error err = HEAL_ERROR_INIT, warn = HEAL_ERROR_INIT;
	struct heal_ndjson_reader r;
	struct heal_json *rec;
	int k, status = 0;

	if (heal_ndjson_reader_open(&r, path, &st->lim, &err) < 0)
		return heal_main_fail(&err);
	while ((k = heal_ndjson_next(&r, &rec, &err)) != 0) {
		if (k > 0 && heal_record_check(rec, &err) < 0) {
			heal_error_prefix(&err, "%s:%llu", r.name,
					  (unsigned long long)heal_ndjson_lineno(&r));
			heal_json_free(rec);
			k = -1;
		}
		if (k < 0) {
			heal_main_report(&err);
			if (err.code == HEAL_ERR_IO || !st->o->keep_going) {
				status = heal_main_exit_for(err.code);
				break;
			}
			st->skipped = true;
			continue;
		}
		if (st->report)
			heal_report_add(st->report, rec);
		else if (heal_ndjson_write(stdout, rec, &st->scratch, &err) < 0) {
			heal_json_free(rec);
			status = heal_main_fail(&err);
			break;
		}
		k = heal_logger_record(&st->lg, rec, &err, &warn);
		heal_json_free(rec);
		warned(&warn);
		if (k < 0) {
			status = heal_main_fail(&err);
			break;
		}
	}
	heal_ndjson_reader_close(&r);
	return status;
}

static int run_log(struct state *st, const struct heal_root *root,
		   int nfiles, char **files)
{
	struct heal_error err = HEAL_ERROR_INIT, warn = HEAL_ERROR_INIT;
	int i, status = 0;

	if (heal_ndjson_limits_from_env(&st->lim, &err) < 0)
		return heal_main_fail(&err);
	st->run = heal_changelog_run_id(st->o->run, time(NULL), &err);
	if (!st->run)
		return heal_main_fail(&err);
	if (!st->o->no_log &&
	    heal_changelog_open(&st->cl, root, st->o->changelog, st->log_dir,
				HEAL_CHANGELOG_APPEND, &err) < 0)
		return heal_main_fail(&err);
	heal_buf_init(&st->scratch, (size_t)1 << 30);
	if (st->o->report)
		st->report = heal_report_new(root);
	heal_logger_init(&st->lg, st->o->no_log ? NULL : &st->cl, root, st->run,
			 st->o->store, st->o->project, &warn);
	warned(&warn);
	for (i = 0; i < (nfiles ? nfiles : 1) && status == 0; i++)
		status = log_input(st, nfiles ? files[i] : NULL);
	if (status == 0 && heal_logger_finish(&st->lg, &err, &warn) < 0)
		status = heal_main_fail(&err);
	warned(&warn);
	if (st->report && status == 0) {
		if (heal_report_write(st->report, st->o->format, stdout, &err) < 0)
			status = heal_main_fail(&err);
		else if (heal_report_unhealed(st->report))
			status = HEAL_EXIT_FINDINGS;
	}
	if (st->skipped)
		status = heal_main_skipped(status);
	heal_report_free(st->report);
	heal_logger_release(&st->lg);
	heal_buf_release(&st->scratch);
	return status;
}

/* --export, --stats, --health, --rebuild-stats, --store-init, --store-sync */
static int run_report(struct state *st, const struct heal_root *root)
{
	struct heal_error err = HEAL_ERROR_INIT;
	const struct opts *o = st->o;
	struct heal_logq q = { (enum heal_logq_mode)(o->mode - 1), o->json, o->runs,
			       o->store, o->project };
	struct heal_logq_result res;

	if (heal_logq_run(&q, &st->cl, root, stdout, &res, &err) < 0)
		return heal_main_fail(&err);
	if (o->mode == M_SYNC)
		heal_main_msg("uploaded %zu new event%s and %zu new guard%s", res.events,
			      res.events == 1 ? "" : "s", res.guards,
			      res.guards == 1 ? "" : "s");
	/* health: warning, critical and failing are findings */
	return res.findings ? HEAL_EXIT_FINDINGS : 0;
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct opts o = { .mode = M_LOG, .runs = 5 };
	struct state st;
	struct heal_config cfg;
	struct heal_root root;
	int status;

	heal_main_init(argv[0]);
	status = parse_args(argc, argv, &o);
	if (status)
		return heal_main_finish(status < 0 ? HEAL_EXIT_OK : status);
	if (o.mode != M_LOG && (optind < argc || o.report))
		return heal_main_usage("input files and --format go with logging only");
	if (heal_root_open(&root, o.root, &err) < 0)
		return heal_main_fail(&err);
	memset(&st, 0, sizeof(st));
	st.o = &o;
	st.cl.fd = -1;
	heal_config_init(&cfg);
	if (heal_config_load(&cfg, &root, &err) < 0) {
		heal_config_release(&cfg);
		heal_root_close(&root);
		return heal_main_fail(&err);
	}
	/* a log directory set by a file or the environment; else .heal */
	if (cfg.v[HEAL_CFG_LOG_DIR].source != HEAL_CONFIG_DEFAULT)
		st.log_dir = heal_config_str(&cfg, HEAL_CFG_LOG_DIR);
	if (o.mode == M_LOG)
		status = run_log(&st, &root, argc - optind, argv + optind);
	else if (heal_changelog_open(&st.cl, &root, o.changelog, st.log_dir,
				     HEAL_CHANGELOG_READ, &err) < 0)
		status = heal_main_fail(&err);
	else
		status = run_report(&st, &root);
	heal_changelog_close(&st.cl);
	free(st.run);
	heal_config_release(&cfg);
	heal_root_close(&root);
	return heal_main_finish(status);
}
