/*
 * heal-detect - turn the raw output of builds, scripts and deployments
 * into error records (heal-records(5)).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_data.h"
#include "heal_detect.h"
#include "heal_json.h"
#include "heal_main.h"
#include "heal_pattern.h"
#include "heal_root.h"

static const char usage_text[] =
	"usage: heal-detect [OPTIONS] [FILE...]\n"
	"Read build, script or deployment output (stdin or FILEs, compressed or\n"
	"archived) and write one NDJSON error record per distinct error.\n"
	"\n"
	"  --root DIR          project root (default: the current directory)\n"
	"  --tool NAME         only this tool's patterns (default: auto, all)\n"
	"  --patterns PATH     add a pattern file or a directory of them\n"
	"  --matcher FILE      add a GitHub Actions problem-matcher file\n"
	"  --no-default-patterns  do not load the built-in pattern files\n"
	"  --no-generic        no generic reader of the lines no pattern claims\n"
	"  --command JSON      the command that produced the output, as a JSON\n"
	"                      array of strings, stamped on every record\n"
	"  --follow FILE       follow a growing log (like tail -F)\n"
	"  --idle-ms N         with --follow: complete a record after N ms (500)\n"
	"  --format FMT        ndjson (default) or text (default on a terminal)\n"
	"  --max-line N        bytes of a line used for matching (1048576)\n"
	"  --locale LANG       the language of translated output (fr, de_DE, ...;\n"
	"                      default: found from the output and the environment;\n"
	"                      C: do not map translated messages)\n"
	"  --charset NAME      the charset of lines that are not UTF-8 (latin1,\n"
	"                      EUC-JP, ...; default: the environment's, else\n"
	"                      a guess: EUC-JP or Latin-1)\n"
	"  -q, --quiet         write nothing; the exit status tells\n"
	"  -h, --help          this help\n"
	"  -V, --version       the version\n"
	"\n";

struct out {
	bool quiet, text, color, follow;
	struct heal_buf scratch;
};

/* A record's NDJSON line (or its text). */
static int write_line(void *ctx, const char *line, size_t len,
		      struct heal_error *err)
{
	struct out *o = ctx;

	if (o->quiet)
		return 0;
	if (fwrite(line, 1, len, stdout) != len)
		return heal_error_sys(err, errno ? errno : EIO, "cannot write output");
	if (o->follow)
		fflush(stdout);
	return 0;
}

/* --format text: the record as a terminal shows it. */
static int emit(void *ctx, struct heal_json *rec, struct heal_error *err)
{
	struct out *o = ctx;

	heal_buf_reset(&o->scratch);
	heal_detect_format_text(&o->scratch, rec, o->color);
	heal_json_free(rec);
	return write_line(ctx, o->scratch.data, o->scratch.len, err);
}

static void warn(void *ctx, enum heal_detect_warning w, const char *msg)
{
	(void)ctx;
	(void)w;
	heal_main_msg("warning: %s", msg);
}

/* --command: a JSON array of strings. */
static int parse_command(const char *s, char ***argv, size_t *n)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *v = heal_json_parse(s, strlen(s), NULL, &err);
	size_t i;

	if (!v || v->type != HEAL_JSON_ARRAY || v->u.arr.n == 0 ||
	    v->u.arr.n > 4096) {
		heal_json_free(v);
		return -1;
	}
	for (i = 0; i < v->u.arr.n; i++)
		if (v->u.arr.v[i]->type != HEAL_JSON_STRING ||
		    !heal_json_string_is_cstr(v->u.arr.v[i])) {
			heal_json_free(v);
			return -1;
		}
	*argv = heal_calloc(v->u.arr.n + 1, sizeof(char *));
	for (i = 0; i < v->u.arr.n; i++)
		(*argv)[i] = heal_strdup(v->u.arr.v[i]->u.str.s);
	*n = v->u.arr.n;
	heal_json_free(v);
	return 0;
}

static volatile int stop_flag;
/* static: still reachable when an option error returns early */
static char **command;
static size_t ncommand;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

enum { OPT_ROOT = 256, OPT_TOOL, OPT_PATTERNS, OPT_MATCHER, OPT_NODEF,
       OPT_COMMAND, OPT_FOLLOW, OPT_IDLE, OPT_FORMAT, OPT_MAXLINE,
       OPT_LOCALE, OPT_NOGENERIC, OPT_CHARSET };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "tool", required_argument, NULL, OPT_TOOL },
		{ "patterns", required_argument, NULL, OPT_PATTERNS },
		{ "matcher", required_argument, NULL, OPT_MATCHER },
		{ "no-default-patterns", no_argument, NULL, OPT_NODEF },
		{ "no-generic", no_argument, NULL, OPT_NOGENERIC },
		{ "command", required_argument, NULL, OPT_COMMAND },
		{ "follow", required_argument, NULL, OPT_FOLLOW },
		{ "idle-ms", required_argument, NULL, OPT_IDLE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "max-line", required_argument, NULL, OPT_MAXLINE },
		{ "locale", required_argument, NULL, OPT_LOCALE },
		{ "charset", required_argument, NULL, OPT_CHARSET },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_pattern_set ps;
	struct heal_detect_options opt = { 0 };
	struct heal_root root = { .fd = -1 };
	struct heal_detect *d = NULL;
	struct out out = { 0 };
	const char *root_dir = NULL, *tool = NULL, *follow = NULL, *format = NULL, *ra;
	const char *extra[64];
	bool extra_gh[64], nodef = false;
	size_t nextra = 0, i;
	char *end;
	unsigned long idle = 500, maxline = 0;
	int c, rc = HEAL_EXIT_OK;

	heal_main_init(argv[0]);
	heal_pattern_set_init(&ps);
	while ((c = getopt_long(argc, argv, "qhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ROOT: root_dir = optarg; break;
		case OPT_TOOL: tool = strcmp(optarg, "auto") == 0 ? NULL : optarg; break;
		case OPT_PATTERNS:
		case OPT_MATCHER:
			if (nextra == 64)
				return heal_main_usage("too many pattern files");
			extra_gh[nextra] = c == OPT_MATCHER;
			extra[nextra++] = optarg;
			break;
		case OPT_NODEF: nodef = true; break;
		case OPT_NOGENERIC: opt.no_generic = true; break;
		case OPT_COMMAND:
			if (command || parse_command(optarg, &command, &ncommand) < 0)
				return heal_main_usage("--command must be a JSON array of strings");
			break;
		case OPT_FOLLOW: follow = optarg; break;
		case OPT_IDLE:
			idle = strtoul(optarg, &end, 10);
			if (*end || !*optarg || idle > 600000)
				return heal_main_usage("bad --idle-ms '%s'", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "ndjson") != 0 && strcmp(optarg, "text") != 0)
				return heal_main_usage("--format must be ndjson or text");
			format = optarg;
			break;
		case OPT_MAXLINE:
			maxline = strtoul(optarg, &end, 10);
			if (*end || !*optarg || maxline < 64 || maxline > (1ul << 30))
				return heal_main_usage("bad --max-line '%s'", optarg);
			break;
		case OPT_LOCALE:
			if (!*optarg || strlen(optarg) > 63)
				return heal_main_usage("bad --locale '%s'", optarg);
			opt.locale = optarg;
			break;
		case OPT_CHARSET:
			if (heal_detect_charset_check(optarg, &err) < 0)
				return heal_main_usage("unknown --charset '%s' (iconv -l lists the names)",
						       optarg);
			opt.charset = optarg;
			break;
		case 'q': out.quiet = true; break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(heal_main_exit_help, stdout);
			return heal_main_finish(HEAL_EXIT_OK);
		case 'V':
			heal_main_version();
			return heal_main_finish(HEAL_EXIT_OK);
		default:
			return heal_main_usage("unknown option");
		}
	}
	if (follow && optind < argc)
		return heal_main_usage("--follow takes no other input files");
	if (!nodef) {
		/* heal's own patterns are compiled when first used, a user's at once */
		unsigned lazy = heal_data_dir_is_own() ? HEAL_PATTERN_LAZY : 0;

		if (heal_pattern_load_own(&ps, tool, lazy, &err) < 0) {
			rc = heal_main_fail(&err);
			goto out;
		}
	}
	for (i = 0; i < nextra; i++)
		if ((extra_gh[i] ? heal_pattern_load_file(&ps, extra[i], tool, &err)
				 : heal_pattern_load_path(&ps, extra[i], tool, &err)) < 0) {
			rc = heal_main_fail(&err);
			goto out;
		}
	if (ps.n == 0) {
		rc = heal_main_usage(tool ? "no patterns for tool '%s'" : "no patterns%s",
				     tool ? tool : "");
		goto out;
	}
	if (heal_pattern_set_finish(&ps, &err) < 0 ||
	    heal_root_open(&root, root_dir, &err) < 0) {
		rc = heal_main_fail(&err);
		goto out;
	}
	out.text = format ? strcmp(format, "text") == 0 : isatty(1);
	out.color = out.text && isatty(1) && !getenv("NO_COLOR");
	out.follow = follow != NULL;
	heal_buf_init(&out.scratch, 64u << 20);
	opt.patterns = &ps;
	opt.root = &root;
	opt.command = (const char *const *)command;
	opt.ncommand = ncommand;
	opt.max_line = maxline;
	opt.follow = follow != NULL;
	/* HEAL_READ_AHEAD=0: one thread; =engine, =reader: who completes */
	opt.read_ahead = !(ra = getenv("HEAL_READ_AHEAD")) || strcmp(ra, "0") != 0;
	opt.completes = ra && strcmp(ra, "engine") == 0 ? HEAL_DETECT_COMPLETES_ENGINE :
			ra && strcmp(ra, "reader") == 0 ? HEAL_DETECT_COMPLETES_READER :
			HEAL_DETECT_COMPLETES_AUTO;
	opt.emit = emit;
	opt.write = out.text && !out.quiet ? NULL : write_line;
	opt.emit_ctx = &out;
	opt.warn = warn;
	d = heal_detect_new(&opt);
	if (follow) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		if (heal_detect_follow(d, follow, (unsigned)idle, &stop_flag, &err) < 0)
			goto fail;
	} else if (optind == argc) {
		if (heal_detect_read_path(d, "-", &err) < 0)
			goto fail;
	}
	for (; !follow && optind < argc; optind++)
		if (heal_detect_read_path(d, argv[optind], &err) < 0)
			goto fail;
	if (heal_detect_finish(d, &err) < 0)
		goto fail;
	rc = heal_detect_records(d) ? HEAL_EXIT_FINDINGS : HEAL_EXIT_OK;
	goto out;
fail:
	rc = heal_main_fail(&err);
out:
	heal_detect_free(d);
	heal_pattern_set_release(&ps);
	heal_root_close(&root);
	heal_buf_release(&out.scratch);
	for (i = 0; i < ncommand; i++)
		free(command[i]);
	free(command);
	return heal_main_finish(rc);
}
