/*
 * heal-log - pass records through, append their events to the audit
 * changelog; export, statistics, health and reports (heal-log(1)).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heal_changelog.h"
#include "heal_main.h"
#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_root.h"
#include "heal_banned.h"

enum mode { M_LOG, M_EXPORT };

struct opts {
	enum mode mode;
	const char *changelog, *root, *run;
	bool keep_going, no_log;
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
	       "  -h, --help            show this help\n"
	       "  -V, --version         show the version\n"
	       "\n%s", heal_main_progname(), heal_main_exit_help);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_CHANGELOG = 256, O_ROOT, O_RUN, O_NOLOG, O_EXPORT };
	static const struct option longopts[] = {
		{ "changelog", required_argument, NULL, O_CHANGELOG },
		{ "root", required_argument, NULL, O_ROOT },
		{ "run", required_argument, NULL, O_RUN },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "no-log", no_argument, NULL, O_NOLOG },
		{ "export", no_argument, NULL, O_EXPORT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "khV", longopts, NULL)) != -1) {
		switch (c) {
		case O_CHANGELOG: o->changelog = optarg; break;
		case O_ROOT: o->root = optarg; break;
		case O_RUN: o->run = optarg; break;
		case 'k': o->keep_going = true; break;
		case O_NOLOG: o->no_log = true; break;
		case O_EXPORT: o->mode = M_EXPORT; break;
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
	char *run;
};

/* One input: pass each record through and log its events. */
static int log_input(struct state *st, const char *path)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_ndjson_reader r;
	struct heal_json *rec;
	int k, status = 0;

	if (heal_ndjson_reader_open(&r, path, &st->lim, &err) < 0)
		return heal_main_fail(&err);
	while ((k = heal_ndjson_next(&r, &rec, &err)) != 0) {
		struct heal_json *events;

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
			continue;
		}
		if (heal_ndjson_write(stdout, rec, &st->scratch, &err) < 0) {
			heal_json_free(rec);
			status = heal_main_fail(&err);
			break;
		}
		events = heal_json_new_array();
		heal_changelog_events(rec, st->run, time(NULL), events);
		heal_json_free(rec);
		if (!st->o->no_log &&
		    heal_changelog_append_events(&st->cl, events, &err) < 0) {
			heal_json_free(events);
			status = heal_main_fail(&err);
			break;
		}
		heal_json_free(events);
	}
	heal_ndjson_reader_close(&r);
	return status;
}

static int run_log(struct state *st, const struct heal_root *root,
		   int nfiles, char **files)
{
	struct heal_error err = HEAL_ERROR_INIT;
	int i, status = 0;

	if (heal_ndjson_limits_from_env(&st->lim, &err) < 0)
		return heal_main_fail(&err);
	st->run = heal_changelog_run_id(st->o->run, time(NULL), &err);
	if (!st->run)
		return heal_main_fail(&err);
	if (!st->o->no_log &&
	    heal_changelog_open(&st->cl, root, st->o->changelog,
				HEAL_CHANGELOG_APPEND, &err) < 0)
		return heal_main_fail(&err);
	heal_buf_init(&st->scratch, (size_t)1 << 30);
	for (i = 0; i < (nfiles ? nfiles : 1) && status == 0; i++)
		status = log_input(st, nfiles ? files[i] : NULL);
	heal_buf_release(&st->scratch);
	return status;
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct opts o = { .mode = M_LOG };
	struct state st;
	struct heal_root root;
	int status;

	heal_main_init(argv[0]);
	status = parse_args(argc, argv, &o);
	if (status)
		return heal_main_finish(status < 0 ? HEAL_EXIT_OK : status);
	if (o.mode != M_LOG && optind < argc)
		return heal_main_usage("input files are read only when logging");
	if (heal_root_open(&root, o.root, &err) < 0)
		return heal_main_fail(&err);
	memset(&st, 0, sizeof(st));
	st.o = &o;
	st.cl.fd = -1;
	if (o.mode == M_LOG) {
		status = run_log(&st, &root, argc - optind, argv + optind);
	} else if (heal_changelog_open(&st.cl, &root, o.changelog,
				       HEAL_CHANGELOG_READ, &err) < 0 ||
		   heal_changelog_export(&st.cl, stdout, NULL, &err) < 0) {
		status = heal_main_fail(&err);
	}
	heal_changelog_close(&st.cl);
	free(st.run);
	heal_root_close(&root);
	return heal_main_finish(status);
}
