/* python: compile() of the file's bytes, as Python reads them; nothing runs. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_check_int.h"
#include "heal_spawn.h"

static const char python_check[] =
	"import sys\n"
	"compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')\n";

/*
 * A version manager's python3 (pyenv's, asdf's) is a shell script in a
 * 'shims' folder that starts the manager to pick the interpreter: several
 * times the cost of the check itself, on every run of a search.  The
 * interpreter it picks is asked for once per process and run directly.
 */
static pthread_mutex_t python_lock = PTHREAD_MUTEX_INITIALIZER;
static char *python_shim;       /* the shim last asked */
static char *python_path;       /* what it named, or NULL */

static bool is_shim(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash)
		return false;
	n = (size_t)(slash - path);
	return n >= 5 && memcmp(slash - 5, "shims", 5) == 0 &&
	       (n == 5 || slash[-6] == '/');
}

static char *ask_interpreter(const char *shim)
{
	const char *argv[] = { shim, "-c", "import sys; print(sys.executable)", NULL };
	struct heal_spawn_opts so;
	struct heal_spawn_result r;
	struct heal_error e = HEAL_ERROR_INIT;
	struct stat st;
	char *path = NULL;

	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.timeout = 30;
	so.max_output = 4096;
	if (heal_spawn_run(&so, &r, &e) == 0 && r.exited && r.status == 0 &&
	    r.out.len > 1 && r.out.data[0] == '/' && r.out.data[r.out.len - 1] == '\n') {
		path = heal_strndup(r.out.data, r.out.len - 1);
		/* one absolute path of an executable file, nothing else */
		if (strchr(path, '\n') || stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
		    access(path, X_OK) < 0 || is_shim(path)) {
			free(path);
			path = NULL;
		}
	}
	heal_spawn_result_release(&r);
	return path;
}

/* python3 as PATH finds it now, or the interpreter its shim names: a new
 * string */
static char *python(void)
{
	char *found = heal_spawn_find_program("python3");
	char *p;

	if (!found || !is_shim(found)) {
		free(found);
		return heal_strdup("python3");
	}
	pthread_mutex_lock(&python_lock);
	if (!python_shim || strcmp(python_shim, found) != 0) {
		free(python_shim);
		free(python_path);
		python_shim = heal_strdup(found);
		python_path = ask_interpreter(found);
	}
	p = heal_strdup(python_path ? python_path : found);
	pthread_mutex_unlock(&python_lock);
	free(found);
	return p;
}

static enum heal_check_plan plan(const struct heal_check_target *t,
				 struct heal_check_argv *argv, const char **why)
{
	(void)why;
	/*
	 * -S: no site module.  compile() needs none of it, and a start
	 * without it costs 20 ms where Debian's python3 takes 32 and a
	 * pyenv one whose .pth files import certifi 84: the search runs this
	 * check dozens of times an error.  The environment stays the user's
	 * (PYTHONWARNINGS turns a SyntaxWarning into an error as for them).
	 */
	heal_check_argv_push_owned(argv, python());
	heal_check_argv_pushl(argv, "-S", "-c", python_check, t->arg, NULL);
	return HEAL_CHECK_RUN;
}

const struct heal_checker heal_checker_python = {
	.name = "python",
	.first_error_only = true,
	.plan = plan,
};
