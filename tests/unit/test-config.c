#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsfix.h"
#include "heal_config.h"
#include "tap.h"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_config c;
	struct heal_root root;
	struct heal_buf b;
	char dir[] = "/tmp/heal-config-XXXXXX";
	char p[512];

	if (!mkdtemp(dir))
		return 1;
	unsetenv("HEAL_MAX_ATTEMPTS");
	unsetenv("SELF_HEAL_MAX_ATTEMPTS");
	unsetenv("HEAL_DRY_RUN");
	unsetenv("SELF_HEAL_DRY_RUN");

	heal_config_init(&c);
	is_int(heal_config_int(&c, HEAL_CFG_MAX_ATTEMPTS), 3, "default max_attempts");
	ok(heal_config_double(&c, HEAL_CFG_INITIAL_DELAY) == 1.0, "default initial delay 1 s");
	ok(heal_config_double(&c, HEAL_CFG_BACKOFF) == 2.0, "default multiplier 2.0");
	ok(heal_config_double(&c, HEAL_CFG_MAX_DELAY) == 60.0, "default max delay 60 s");
	ok(!heal_config_bool(&c, HEAL_CFG_DRY_RUN), "default not dry-run");
	is_int(heal_config_lookup("max_attempts"), HEAL_CFG_MAX_ATTEMPTS, "lookup");
	is_int(heal_config_lookup("nope"), -1, "lookup unknown");

	/* files: user < project; env above; flags on top */
	snprintf(p, sizeof(p), "%s/xdg/heal", dir);
	mkdir(dir, 0700);
	snprintf(p, sizeof(p), "%s/xdg", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/xdg/heal", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/xdg/heal/config.json", dir);
	put(p, "{\"max_attempts\": 5, \"verbose\": true, \"env\": \"staging\"}");
	snprintf(p, sizeof(p), "%s/.heal", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/.heal/config.json", dir);
	put(p, "{\"max_attempts\": 7, \"dry_run\": false, \"timeout\": 30}");
	snprintf(p, sizeof(p), "%s/xdg", dir);
	setenv("XDG_CONFIG_HOME", p, 1);
	setenv("SELF_HEAL_DRY_RUN", "1", 1);
	heal_root_open(&root, dir, &err);
	ok(heal_config_load(&c, &root, &err) == 0, "load user, project, env");
	is_int(heal_config_int(&c, HEAL_CFG_MAX_ATTEMPTS), 7, "project file beats user file");
	ok(heal_config_bool(&c, HEAL_CFG_VERBOSE), "user file value kept");
	is_str(heal_config_str(&c, HEAL_CFG_ENV), "staging", "user file enum");
	ok(heal_config_bool(&c, HEAL_CFG_DRY_RUN), "seed env SELF_HEAL_DRY_RUN beats the project file");
	is_int(c.v[HEAL_CFG_DRY_RUN].source, HEAL_CONFIG_ENV, "source is environment");
	is_str(c.v[HEAL_CFG_DRY_RUN].origin, "SELF_HEAL_DRY_RUN", "origin names the variable");
	ok(heal_config_set(&c, HEAL_CFG_MAX_ATTEMPTS, "9", HEAL_CONFIG_FLAG, "--max-attempts", &err) == 0 &&
	   heal_config_int(&c, HEAL_CFG_MAX_ATTEMPTS) == 9, "flag beats everything");
	ok(heal_config_set(&c, HEAL_CFG_MAX_ATTEMPTS, "4", HEAL_CONFIG_ENV, "X", &err) == 0 &&
	   heal_config_int(&c, HEAL_CFG_MAX_ATTEMPTS) == 9, "lower source does not replace a flag");
	heal_buf_init(&b, 1 << 16);
	heal_config_dump(&c, &b, &err);
	contains(heal_buf_str(&b), "max_attempts       = 9", "dump shows the value");
	contains(heal_buf_str(&b), "(command line: --max-attempts)", "dump shows the source");
	contains(heal_buf_str(&b), "(project file: .heal/config.json)", "dump names the project file");
	heal_buf_release(&b);
	heal_config_release(&c);

	/* HEAL_ beats SELF_HEAL_ */
	heal_config_init(&c);
	setenv("HEAL_DRY_RUN", "no", 1);
	ok(heal_config_load(&c, &root, &err) == 0 && !heal_config_bool(&c, HEAL_CFG_DRY_RUN),
	   "HEAL_DRY_RUN wins over SELF_HEAL_DRY_RUN");
	heal_config_release(&c);
	unsetenv("HEAL_DRY_RUN");
	unsetenv("SELF_HEAL_DRY_RUN");

	/* errors */
	heal_config_init(&c);
	ok(heal_config_set(&c, HEAL_CFG_MAX_ATTEMPTS, "0", HEAL_CONFIG_FLAG, "--max-attempts", &err) == -1 &&
	   err.code == HEAL_ERR_USAGE, "out-of-range value refused");
	contains(err.msg, "'max_attempts' must be an integer from 1 to 100", "range message");
	ok(heal_config_set(&c, HEAL_CFG_APPROVE, "sometimes", HEAL_CONFIG_FLAG, NULL, &err) == -1,
	   "bad enum refused");
	contains(err.msg, "one of never, risky, always", "enum message");
	setenv("HEAL_MAX_ATTEMPTS", "lots", 1);
	ok(heal_config_load(&c, NULL, &err) == -1, "bad environment value refused");
	contains(err.msg, "HEAL_MAX_ATTEMPTS", "message names the variable");
	unsetenv("HEAL_MAX_ATTEMPTS");
	snprintf(p, sizeof(p), "%s/.heal/config.json", dir);
	put(p, "{\"max_atempts\": 2}");
	ok(heal_config_load(&c, &root, &err) == -1, "unknown key refused");
	contains(err.msg, ".heal/config.json: unknown configuration key 'max_atempts'", "unknown key message");
	put(p, "{\"max_attempts\": [2]}");
	ok(heal_config_load(&c, &root, &err) == -1, "wrong type refused");
	contains(err.msg, "'max_attempts' must be a string, number or boolean", "type message");
	put(p, "{\"max_attempts\": 2");
	ok(heal_config_load(&c, &root, &err) == -1 && err.code == HEAL_ERR_USAGE,
	   "invalid JSON is a usage error");
	contains(err.msg, ".heal/config.json", "invalid JSON names the file");
	heal_config_release(&c);
	heal_root_close(&root);
	fs_rm_tree(dir);
	return tap_done();
}
