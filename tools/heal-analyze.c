/*
 * heal-analyze - add root cause, category and ranked candidate fixes to
 * error records (heal-analyze(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_analyze.h"
#include "heal_data.h"
#include "heal_main.h"
#include "heal_ndjson.h"
#include "heal_record.h"
#include "heal_text.h"

#define MAX_SKIPS 256
#define MAX_RULE_PATHS 64

static const char usage[] =
	"Usage: heal-analyze [OPTION]... [FILE]...\n"
	"Read heal error records (NDJSON) and add 'analysis' and ranked 'fixes'.\n"
	"Other records pass through unchanged.\n\n"
	"  -C, --root DIR       project root (default: the current directory)\n"
	"  -r, --rules PATH     also load this rule file or directory (repeatable)\n"
	"      --explain        say on stderr why each candidate got its rank\n"
	"      --no-llm         never ask an LLM, even when HEAL_LLM_URL is set\n"
	"      --search         search for a fix the checker proves (the default)\n"
	"      --no-search      no repair search\n"
	"      --search-wide    also any other name of the file for an unknown one\n"
	"      --search-runs N  checker runs per error the search may make (80)\n"
	"      --search-seconds S  time per error the search may take (20)\n"
	"      --search-total S  time the search may take in this run (60)\n"
	"      --search-jobs N  checker runs at once (1)\n"
	"      --seed N         seed of the A/B draws between fix variants\n"
	"                       (default: $HEAL_SEED, else 0)\n"
	"      --min-confidence X  heal-fix's auto-apply threshold: variants below\n"
	"                       it are never drawn ahead (default 0.85)\n"
	"      --skip [ERR/]FIX  FIX failed (heal-fix's --skip): its rule's candidates\n"
	"                       for ERR are judged, not taken on trust (repeatable)\n"
	"  -k, --keep-going     report a bad record, skip it and go on\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n\n"
	"Environment: HEAL_LLM_URL, HEAL_LLM_MODEL, HEAL_LLM_API_KEY, HEAL_LLM_TIMEOUT,\n"
	"HEAL_PYTHON_INSTALLER (default \"python3 -m pip install\"), HEAL_DATA_DIR,\n"
	"HEAL_SEARCH (0: off), HEAL_SEARCH_WIDE, HEAL_SEARCH_RUNS, HEAL_SEARCH_SECONDS,\n"
	"HEAL_SEARCH_TOTAL, HEAL_SEARCH_JOBS.\n\n";

struct opts {
	const char *root;
	const char *rules[MAX_RULE_PATHS];
	size_t nrules;
	bool explain, no_llm, keep_going;
	struct heal_search_opts search;
	const char *seed;
	double threshold;
	const char *skip[MAX_SKIPS];
	size_t nskip;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { OPT_EXPLAIN = 256, OPT_NO_LLM, OPT_SEARCH, OPT_NO_SEARCH, OPT_WIDE,
	       OPT_RUNS, OPT_SECONDS, OPT_TOTAL, OPT_JOBS, OPT_SEED, OPT_MINCONF, OPT_SKIP };
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'C' },
		{ "rules", required_argument, NULL, 'r' },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "no-llm", no_argument, NULL, OPT_NO_LLM },
		{ "search", no_argument, NULL, OPT_SEARCH },
		{ "no-search", no_argument, NULL, OPT_NO_SEARCH },
		{ "search-wide", no_argument, NULL, OPT_WIDE },
		{ "search-runs", required_argument, NULL, OPT_RUNS },
		{ "search-seconds", required_argument, NULL, OPT_SECONDS },
		{ "search-total", required_argument, NULL, OPT_TOTAL },
		{ "search-jobs", required_argument, NULL, OPT_JOBS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "min-confidence", required_argument, NULL, OPT_MINCONF },
		{ "skip", required_argument, NULL, OPT_SKIP },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct heal_error err = HEAL_ERROR_INIT;
	uint64_t seed;
	char *end;
	int c, li = 0;

	if (heal_search_opts_init(&o->search, &err) < 0)
		return heal_main_usage("%s", err.msg);
	while ((c = getopt_long(argc, argv, "C:r:khV", longopts, &li)) != -1) {
		switch (c) {
		case 'C': o->root = optarg; break;
		case 'r':
			if (o->nrules == MAX_RULE_PATHS)
				return heal_main_usage("too many --rules (at most %d)", MAX_RULE_PATHS);
			o->rules[o->nrules++] = optarg;
			break;
		case OPT_EXPLAIN: o->explain = true; break;
		case OPT_NO_LLM: o->no_llm = true; break;
		case OPT_SEARCH: o->search.enabled = true; break;
		case OPT_NO_SEARCH: o->search.enabled = false; break;
		case OPT_WIDE: o->search.enabled = o->search.wide = true; break;
		case OPT_RUNS: case OPT_SECONDS: case OPT_TOTAL: case OPT_JOBS:
			if (heal_search_opts_set(&o->search, longopts[li].name, optarg, &err) < 0)
				return heal_main_usage("%s", err.msg);
			break;
		case OPT_SEED:
			if (heal_analyze_parse_seed(optarg, &seed) < 0)
				return heal_main_usage("--seed takes a number from 0 to 18446744073709551615");
			o->seed = optarg;
			break;
		case OPT_MINCONF:
			o->threshold = strtod(optarg, &end);
			if (*end || end == optarg || !(o->threshold >= 0 && o->threshold <= 1))
				return heal_main_usage("--min-confidence takes a number from 0 to 1");
			break;
		case OPT_SKIP:
			if (o->nskip == MAX_SKIPS)
				return heal_main_usage("too many --skip (at most %d)", MAX_SKIPS);
			o->skip[o->nskip++] = optarg;
			break;
		case 'k': o->keep_going = true; break;
		case 'h':
			fputs(usage, stdout);
			fputs(heal_main_exit_help, stdout);
			return -1;
		case 'V':
			heal_main_version();
			return -1;
		default:
			return HEAL_EXIT_USAGE;
		}
	}
	return 0;
}

static int load_rules(struct heal_rules *rs, const struct opts *o)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char *dflt = heal_data_path("rules");
	size_t i;
	/* heal's own rules are compiled when first used, a user's at once */
	int rc = heal_rules_load(rs, dflt, heal_data_dir_is_own() ? HEAL_RULES_LAZY : 0,
				 &err);

	free(dflt);
	for (i = 0; rc == 0 && i < o->nrules; i++)
		rc = heal_rules_load(rs, o->rules[i], 0, &err);
	if (rc < 0) {
		heal_main_report(&err);
		return err.code == HEAL_ERR_IO ? HEAL_EXIT_IOERR : HEAL_EXIT_DATAERR;
	}
	return 0;
}

/* One input: analyze error records, pass the rest through. */
static int run(struct heal_analyzer *an, const char *path, const struct opts *o,
	       const struct heal_ndjson_limits *lim, struct heal_buf *scratch)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_ndjson_reader rd;
	struct heal_json *rec;
	struct heal_buf explain;
	int rc, status = 0;

	if (heal_ndjson_reader_open(&rd, path, lim, &err) < 0)
		return heal_main_fail(&err);
	heal_buf_init(&explain, 1u << 20);
	while ((rc = heal_ndjson_next(&rd, &rec, &err)) != 0) {
		if (rc < 0) {
			heal_main_report(&err);
			if (err.code == HEAL_ERR_IO || !o->keep_going) {
				status = heal_main_exit_for(err.code);
				break;
			}
			status = HEAL_EXIT_DATAERR;
			continue;
		}
		if (heal_record_kind(rec) == HEAL_KIND_ERROR) {
			if (heal_record_check(rec, &err) < 0) {
				heal_main_msg("%s:%llu: %s", rd.name,
					      (unsigned long long)heal_ndjson_lineno(&rd), err.msg);
				heal_json_free(rec);
				if (!o->keep_going) {
					status = HEAL_EXIT_DATAERR;
					break;
				}
				status = HEAL_EXIT_DATAERR;
				continue;
			}
			heal_buf_reset(&explain);
			if (heal_analyze_record(an, rec, o->explain ? &explain : NULL, &err) < 0) {
				heal_json_free(rec);
				status = heal_main_fail(&err);
				break;
			}
			if (an->llm_warning.code != HEAL_OK) {
				heal_main_msg("warning: %s%s", an->llm_warning.msg, an->llm_off
					      ? " (the LLM is not asked again in this run)" : "");
				an->llm_warning.code = HEAL_OK;
			}
			if (o->explain) {
				const char *id = heal_json_object_get_str(rec, "id");

				fprintf(stderr, "%s: record %s (%s:%llu):\n%s", heal_main_progname(),
					id ? id : "without id", rd.name,
					(unsigned long long)heal_ndjson_lineno(&rd),
					heal_buf_str(&explain));
			}
		}
		if (heal_ndjson_write(stdout, rec, scratch, &err) < 0) {
			heal_json_free(rec);
			status = heal_main_fail(&err);
			break;
		}
		heal_json_free(rec);
	}
	heal_buf_release(&explain);
	heal_ndjson_reader_close(&rd);
	return status;
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct opts o = { .threshold = HEAL_AB_THRESHOLD };
	struct heal_ndjson_limits lim;
	struct heal_root root = { .fd = -1 };
	struct heal_analyzer an;
	struct heal_rules *rs;
	struct heal_llm *llm = NULL;
	struct heal_buf scratch;
	int status = 0, i, rc;

	heal_main_init(argv[0]);
	rc = parse_args(argc, argv, &o);
	if (rc != 0)
		return heal_main_finish(rc < 0 ? HEAL_EXIT_OK : rc);
	if (heal_ndjson_limits_from_env(&lim, &err) < 0)
		return heal_main_fail(&err);
	if (heal_root_open(&root, o.root, &err) < 0)
		return heal_main_fail(&err);
	rs = heal_rules_new();
	status = load_rules(rs, &o);
	if (status == 0 && !o.no_llm) {
		llm = heal_llm_from_env(&err);
		if (!llm && err.code != HEAL_OK)
			status = heal_main_fail(&err);
	}
	if (status != 0) {
		heal_rules_free(rs);
		heal_root_close(&root);
		return heal_main_finish(status);
	}
	heal_rules_installer_from_env(rs);
	if (heal_analyzer_init(&an, &root, rs, llm, &err) > 0)
		heal_main_msg("warning: ignoring learned outcomes: %s", err.msg);
	heal_analyzer_set_search(&an, &o.search);
	an.ab_threshold = o.threshold;
	an.skip = o.skip;
	an.nskip = o.nskip;
	if (heal_analyze_seed(o.seed, &an.seed) < 0)
		heal_main_msg("warning: HEAL_SEED is not a number: seed 0");
	heal_buf_init(&scratch, lim.max_line + 2);
	if (optind >= argc)
		status = run(&an, "-", &o, &lim, &scratch);
	for (i = optind; i < argc && (status == 0 || status == HEAL_EXIT_DATAERR); i++) {
		rc = run(&an, argv[i], &o, &lim, &scratch);
		if (rc != 0)
			status = rc;
		if (rc != 0 && rc != HEAL_EXIT_DATAERR)
			break;
	}
	heal_buf_release(&scratch);
	heal_analyzer_release(&an);
	heal_llm_free(llm);
	heal_rules_free(rs);
	heal_root_close(&root);
	return heal_main_finish(status);
}
