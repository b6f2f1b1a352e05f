/*
 * heal-mcp - a Model Context Protocol server over stdio that exposes the
 * heal tools to coding agents (heal-mcp(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_main.h"
#include "heal_mcp.h"
#include "heal_root.h"

static void usage(void)
{
	printf("Usage: %s [OPTION]...\n"
	       "Serve the heal tools to a coding agent over the Model Context Protocol:\n"
	       "JSON-RPC 2.0 messages, one per line, on standard input and output.\n"
	       "\n"
	       "  -C, --root DIR         the project root every tool runs in (default: .)\n"
	       "      --bindir DIR       where the heal binaries are (default: beside\n"
	       "                         heal-mcp, else PATH)\n"
	       "      --timeout SECONDS  time limit of one tool call (600, 0: none)\n"
	       "      --max-message N    bytes in one message (4194304)\n"
	       "      --max-output N     bytes kept of a tool's output (8388608)\n"
	       "  -h, --help             show this help and exit\n"
	       "  -V, --version          show the version and exit\n"
	       "\n%s", heal_main_progname(), heal_main_exit_help);
}

static int size_arg(const char *name, const char *s, size_t lo, size_t hi,
		    size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || s[0] == '-' || end == s || v < lo || v > hi)
		return heal_main_usage("%s takes a number from %zu to %zu",
				       name, lo, hi);
	*out = (size_t)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct heal_mcp_opts *o)
{
	enum { O_BINDIR = 256, O_TIMEOUT, O_MAXMSG, O_MAXOUT };
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'C' },
		{ "bindir", required_argument, NULL, O_BINDIR },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "max-message", required_argument, NULL, O_MAXMSG },
		{ "max-output", required_argument, NULL, O_MAXOUT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "C:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': o->root = optarg; break;
		case O_BINDIR: o->bindir = optarg; break;
		case O_TIMEOUT:
			errno = 0;
			o->timeout = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o->timeout >= 0) ||
			    o->timeout > 86400 * 7)
				return heal_main_usage("--timeout takes seconds from 0 to 604800");
			break;
		case O_MAXMSG:
			if (size_arg("--max-message", optarg, 1024, (size_t)1 << 30,
				     &o->max_message))
				return HEAL_EXIT_USAGE;
			break;
		case O_MAXOUT:
			if (size_arg("--max-output", optarg, 1024, (size_t)1 << 28,
				     &o->max_output))
				return HEAL_EXIT_USAGE;
			break;
		case 'h': usage(); return -1;
		case 'V': heal_main_version(); return -1;
		default: return HEAL_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return heal_main_usage("unexpected argument '%s'", argv[optind]);
	return 0;
}

int main(int argc, char **argv)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_mcp_opts o;
	struct heal_root root;
	struct heal_mcp *m;
	char *bindir = NULL;
	int status;

	heal_main_init(argv[0]);
	heal_mcp_opts_init(&o);
	status = parse_args(argc, argv, &o);
	if (status)
		return heal_main_finish(status < 0 ? HEAL_EXIT_OK : status);
	/* the root must exist now, not at the first tool call */
	if (heal_root_open(&root, o.root, &err) < 0)
		return heal_main_fail(&err);
	heal_root_close(&root);
	if (!o.bindir)
		o.bindir = bindir = heal_mcp_find_bindir();
	m = heal_mcp_new(&o);
	if (heal_mcp_serve(m, STDIN_FILENO, STDOUT_FILENO, &err) < 0)
		status = heal_main_fail(&err);
	heal_mcp_free(m);
	free(bindir);
	return heal_main_finish(status);
}
