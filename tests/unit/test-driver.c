/*
 * lib/driver: heal_driver_run, the loop of heal(1), as a library, over the
 * heal programs of this build (HEAL_BUILD_ROOT/tools) in a scratch
 * project: a command that succeeds, heal switched off, a failure heal does
 * not know, a command that cannot be started, and with gcc a build healed,
 * one rolled back because it is not healed in the end, and a dry run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_buf.h"
#include "heal_config.h"
#include "heal_config_build.h"
#include "heal_driver.h"
#include "fsfix.h"
#include "tap.h"

static char dir[] = "/tmp/heal-driver-XXXXXX";

static const char *at(const char *rel)
{
	return fs_at(dir, rel);
}

static struct heal_buf said;     /* the progress lines of the last run */
static char shown[8192];         /* what the command showed on fds 1 and 2 */
static struct heal_error err;    /* heal_driver_run's error */

static void say(void *ctx, const char *line)
{
	(void)ctx;
	heal_buf_puts(&said, line);
	heal_buf_putc(&said, '\n');
}

/*
 * Run the loop on argv with cfg, fds 1 and 2 sent to a file meanwhile
 * (read back into shown): heal_driver_run's result, *res filled.
 */
/* heal --atomic for the next runs */
static bool atomic;

static int run(const char *const *argv, const struct heal_config *cfg,
	       const char *log_file, int records_fd, struct heal_driver_result *res)
{
	struct heal_driver_opts o;
	int out, saved1, saved2, r;
	ssize_t n;

	memset(&o, 0, sizeof(o));
	o.root = dir;
	o.command = argv;
	o.cfg = cfg;
	o.yes = true;
	o.no_wait = true;
	o.atomic = atomic;
	o.log_file = log_file;
	o.records_fd = records_fd;
	o.bindir = HEAL_BUILD_ROOT "/tools";
	o.say = say;
	heal_buf_reset(&said);
	heal_error_clear(&err);
	fflush(stdout);
	out = open(at(".shown"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	saved1 = dup(1);
	saved2 = dup(2);
	if (out < 0 || saved1 < 0 || saved2 < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		abort();
	r = heal_driver_run(&o, res, &err);
	dup2(saved1, 1);
	dup2(saved2, 2);
	close(saved1);
	close(saved2);
	n = pread(out, shown, sizeof(shown) - 1, 0);
	shown[n > 0 ? n : 0] = '\0';
	close(out);
	unlink(at(".shown"));
	return r;
}

static void result_is(const struct heal_driver_result *res, int status, bool healed,
		      unsigned attempts, unsigned applied, bool rolled_back,
		      const char *what)
{
	is_int(res->exit_status, status, "%s: exit status", what);
	is_int(res->healed, healed, "%s: healed", what);
	is_int(res->attempts, attempts, "%s: attempts", what);
	is_int(res->applied, applied, "%s: fixes kept", what);
	is_int(res->rolled_back, rolled_back, "%s: rolled back", what);
}

/* The project as it starts: nothing but main.c holding text. */
static void fresh(const char *text)
{
	fs_rm_tree(dir);
	if (mkdir(dir, 0755) < 0 || chdir(dir) < 0)
		abort();
	if (text)
		fs_put(at("main.c"), text, 0644);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* The contents of path, or "" (owned by the caller). */
static char *slurp(const char *path)
{
	struct heal_buf b;
	char block[4096];
	int fd = open(path, O_RDONLY);
	ssize_t k;

	heal_buf_init(&b, 16u << 20);
	while (fd >= 0 && (k = read(fd, block, sizeof(block))) > 0)
		heal_buf_put(&b, block, (size_t)k);
	if (fd >= 0)
		close(fd);
	return heal_buf_detach(&b, NULL);
}

static bool have(const char *prog)
{
	return fs_have(prog);
}

/* gcc quotes a name '...' or with U+2018/U+2019 by locale: as %name% */
static void unquote_name(struct heal_buf *b, const char *name)
{
	static const char *const q[][2] = {
		{ "'", "'" }, { "\xe2\x80\x98", "\xe2\x80\x99" },
	};
	char want[256], *p;
	size_t i, n;

	for (i = 0; i < 2; i++) {
		snprintf(want, sizeof(want), "%s%s%s", q[i][0], name, q[i][1]);
		p = b->data ? strstr(b->data, want) : NULL;
		if (!p)
			continue;
		n = strlen(want);
		p[0] = '%';
		memmove(p + 1, p + strlen(q[i][0]), strlen(name));
		p[1 + strlen(name)] = '%';
		memmove(p + 2 + strlen(name), p + n, b->len - (size_t)(p - b->data) - n + 1);
		b->len -= n - (strlen(name) + 2);
	}
}

int main(void)
{
	static const char printf_c[] =
		"int main(void)\n{\n\tprintf(\"hi\\n\");\n\treturn 0;\n}\n";
	static const char unhealable_c[] =
		"int main(void)\n{\n\tprintf(\"hi\\n\");\n\treturn undefined_thing_xyz;\n}\n";
	static const char *const gcc[] = { "gcc", "-Wall", "-Werror", "-o", "app", "main.c", NULL };
	struct heal_driver_result res;
	struct heal_config cfg;

	/* the project is the current directory, as for heal(1) without -C:
	 * heal_spawn finds a command "./x" from there */
	if (!mkdtemp(dir) || chdir(dir) < 0)
		return 1;
	heal_buf_init(&said, 1u << 20);
	unsetenv("HEAL_ENV");
	unsetenv("HEAL_DRY_RUN");
	unsetenv("SELF_HEAL_DRY_RUN");
	setenv("HEAL_LOCK_TIMEOUT", "10", 1);
	setenv("NO_COLOR", "1", 1);
	heal_config_init(&cfg);

	/* a command that succeeds runs once, and heal does nothing more */
	{
		static const char *const argv[] = { "sh", "-c", "echo out; echo err >&2", NULL };

		fresh(NULL);
		is_int(run(argv, &cfg, NULL, -1, &res), 0, "success: runs");
		result_is(&res, 0, false, 0, 0, false, "success");
		is_str(shown, "out\nerr\n", "success: the command's output is shown");
		is_str(heal_buf_str(&said), "", "success: nothing said");
		ok(!exists(at(".heal")), "success: no .heal");
	}

	/* a failure heal does not know: the command's own status */
	{
		static const char *const argv[] = { "sh", "-c", "echo nothing here; exit 7", NULL };

		is_int(run(argv, &cfg, NULL, -1, &res), 0, "unknown failure: runs");
		result_is(&res, 7, false, 1, 0, false, "unknown failure");
		is_str(shown, "nothing here\n", "unknown failure: the output is shown once");
		is_str(heal_buf_str(&said),
		       "no error that heal knows was found in the output\n"
		       "manual intervention required: the command still exits with status 7\n",
		       "unknown failure: what heal says");
	}

	/* switched off: the command runs, heal attempts nothing */
	{
		static const char *const argv[] = { "sh", "-c", "exit 3", NULL };
		struct heal_config off;

		heal_config_init(&off);
		is_int(heal_config_set(&off, HEAL_CFG_ENABLED, "false", HEAL_CONFIG_FLAG,
				       "--enabled", &err), 0, "enabled=false is a value");
		is_int(run(argv, &off, NULL, -1, &res), 0, "disabled: runs");
		result_is(&res, 3, false, 0, 0, false, "disabled");
		is_str(heal_buf_str(&said), "", "disabled: nothing said");
		heal_config_release(&off);
	}

	/*
	 * a command that cannot be started fails the run with the reason,
	 * before any attempt (heal(1) makes it the shell's 127 and 126)
	 */
	{
		static const char *const argv[] = { "./no-such-program", NULL };
		static const char *const script[] = { "./script.sh", NULL };

		fresh(NULL);
		is_int(run(argv, &cfg, NULL, -1, &res), -1, "a missing command: fails");
		is_int(res.attempts, 0, "a missing command: no attempt");
		is_int(err.sys_errno, ENOENT, "a missing command: ENOENT");
		is_str(err.msg, "cannot run './no-such-program': No such file or directory",
		       "a missing command: the message");
		fs_put(at("script.sh"), "touch ran\n", 0644);
		is_int(run(script, &cfg, NULL, -1, &res), -1, "not executable: fails");
		is_int(err.sys_errno, EACCES, "not executable: EACCES");
		ok(!exists(at("ran")), "not executable: nothing ran");
	}

	if (!have("gcc")) {
		printf("ok %d # skip gcc is not installed\n", ++tap_n);
		goto done;
	}

	/* a build heal can heal: the fix kept, the loop's records written */
	{
		int rfd;
		char *recs, *log;

		fresh(printf_c);
		rfd = open(at("../heal-driver-records.ndjson"), O_RDWR | O_CREAT | O_TRUNC, 0600);
		is_int(run(gcc, &cfg, at("changelog.ndjson"), rfd, &res), 0, "healed: runs");
		/* gcc says it twice (an implicit declaration, a built-in's
		 * mismatch): the first's include, taken on trust; the second,
		 * on its line, waits for the next round, and is gone then */
		result_is(&res, 0, true, 1, 1, false, "healed");
		is_str(fs_get(at("main.c")), "#include <stdio.h>\n\n" "int main(void)\n{\n"
		       "\tprintf(\"hi\\n\");\n\treturn 0;\n}\n", "healed: the include added");
		ok(exists(at("app")), "healed: the program is built");
		is_str(heal_buf_str(&said), "attempt 1: 1 fix applied, 1 passed, 0 failed\n"
		       "healed: the command succeeds now (1 attempt, 1 fix kept)\n",
		       "healed: what heal says");
		recs = slurp(at("../heal-driver-records.ndjson"));
		contains(recs, "\"kind\":\"error\"", "healed: the records hold the error");
		contains(recs, "\"status\":\"applied\"", "healed: the fix applied");
		contains(recs, "\"kind\":\"validation\"", "healed: its validation");
		free(recs);
		log = slurp(at("changelog.ndjson"));
		contains(log, "\"event\":\"healing_complete\"", "healed: the changelog tells");
		free(log);
		close(rfd);
		unlink(at("../heal-driver-records.ndjson"));
	}

	/* not healed in the end: the proven include stays as progress */
	{
		fresh(unhealable_c);
		is_int(run(gcc, &cfg, NULL, -1, &res), 0, "not healed: runs");
		/* the include passes validation (fewer errors) and is kept:
		 * the command reports 1 error of the 3 it had, none new */
		result_is(&res, 1, false, 2, 1, false, "not healed");
		ok(res.partial, "not healed: partial");
		is_str(fs_get(at("main.c")), "#include <stdio.h>\n\n" "int main(void)\n{\n"
		       "\tprintf(\"hi\\n\");\n\treturn undefined_thing_xyz;\n}\n",
		       "not healed: the include stays");
		contains(heal_buf_str(&said),
			 "not healed: 1 fix kept that proved itself (1 of 3 errors left)\n"
			 "  left: main.c:6: ",
			 "not healed: what is kept and what is left");
		contains(heal_buf_str(&said), "undefined_thing_xyz",
			 "not healed: the error left is named");
	}

	/* not healed in the end, all or nothing: every change rolled back */
	{
		fresh(unhealable_c);
		atomic = true;
		is_int(run(gcc, &cfg, NULL, -1, &res), 0, "atomic: runs");
		atomic = false;
		result_is(&res, 1, false, 2, 0, true, "atomic");
		ok(!res.partial, "atomic: not partial");
		is_str(fs_get(at("main.c")), unhealable_c, "atomic: main.c as it was");
		unquote_name(&said, "undefined_thing_xyz");
		is_str(heal_buf_str(&said),
		       "attempt 1: 1 fix applied, 1 passed, 0 failed\n"
		       "attempt 2 of 4: the next errors, from the re-run that proved the fixes\n"
		       "attempt 2: 0 fixes applied, 0 passed, 0 failed\n"
		       "not healed: rolling back 1 change set\n"
		       "  tried: main.c: add '#include <stdio.h>' to main.c: passed\n"
		       "1 error has no fix heal knows (main.c: %undefined_thing_xyz% "
		       "undeclared (first use in this function))\n"
		       "manual intervention required: the command still exits with status 1\n",
		       "atomic: what heal says (what it tried, that it rolls back)");
	}

	/* a dry run changes nothing */
	{
		struct heal_config dry;

		heal_config_init(&dry);
		heal_config_set(&dry, HEAL_CFG_DRY_RUN, "true", HEAL_CONFIG_FLAG, "--dry-run", &err);
		fresh(printf_c);
		is_int(run(gcc, &dry, NULL, -1, &res), 0, "dry run: runs");
		result_is(&res, 1, false, 1, 0, false, "dry run");
		is_str(fs_get(at("main.c")), printf_c, "dry run: main.c unchanged");
		is_str(heal_buf_str(&said), "dry run: 2 errors, nothing changed\n",
		       "dry run: what heal says");
		contains(shown, "+#include <stdio.h>", "dry run: the diff is shown");
		ok(!exists(at(".heal/backups")) || rmdir(at(".heal/backups")) == 0,
		   "dry run: no backup set");
		heal_config_release(&dry);
	}

done:
	if (chdir("/") < 0)
		return 1;
	fs_rm_tree(dir);
	heal_config_release(&cfg);
	heal_buf_release(&said);
	return tap_done();
}
