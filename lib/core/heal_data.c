#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_config_build.h"
#include "heal_data.h"

static char *data_dir;
static char *pack_dir;
static bool data_dir_own;

static bool in_build_tree(void)
{
	char exe[PATH_MAX];
	char *root;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t k;
	bool r;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	root = realpath(HEAL_BUILD_ROOT, NULL);
	if (!root)
		return false;
	k = strlen(root);
	r = strncmp(exe, root, k) == 0 && exe[k] == '/';
	free(root);
	return r;
}

const char *heal_data_dir(void)
{
	const char *env;

	if (data_dir)
		return data_dir;
	env = getenv("HEAL_DATA_DIR");
	data_dir_own = !(env && *env);
	if (env && *env) {
		data_dir = heal_strdup(env);
		pack_dir = heal_strdup(env);
	} else if (in_build_tree()) {
		data_dir = heal_strdup(HEAL_SOURCE_DATADIR);
		pack_dir = heal_strdup(HEAL_BUILD_ROOT "/share");
	} else {
		data_dir = heal_strdup(HEAL_DATADIR);
		pack_dir = heal_strdup(HEAL_DATADIR);
	}
	return data_dir;
}

bool heal_data_dir_is_own(void)
{
	heal_data_dir();
	return data_dir_own;
}

char *heal_data_path(const char *rel)
{
	struct heal_buf b;

	heal_buf_init(&b, (size_t)-2);
	heal_buf_putf(&b, "%s/%s", heal_data_dir(), rel);
	return heal_buf_detach(&b, NULL);
}

char *heal_data_pack_path(const char *rel)
{
	struct heal_buf b;

	heal_data_dir();
	heal_buf_init(&b, (size_t)-2);
	heal_buf_putf(&b, "%s/%s.pack", pack_dir, rel);
	return heal_buf_detach(&b, NULL);
}
