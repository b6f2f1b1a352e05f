#include <string.h>

#include "heal_argcheck.h"
#include "tap.h"

static struct heal_cmdpolicy pol;

static int cmd(const char *const *argv)
{
	size_t n = 0;

	while (argv[n])
		n++;
	return heal_cmdpolicy_check(&pol, argv, n, NULL);
}

#define C(...) cmd((const char *const[]){ __VA_ARGS__, NULL })

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	char long_name[400];

	is_int(heal_argcheck_value("requests", HEAL_ARG_PACKAGE, NULL), 0, "a package");
	is_int(heal_argcheck_value("requests==2.31.0", HEAL_ARG_PACKAGE, NULL), 0, "a pinned package");
	is_int(heal_argcheck_value("community.general", HEAL_ARG_PACKAGE, NULL), 0, "a collection");
	is_int(heal_argcheck_value("foo; rm -rf ~", HEAL_ARG_PACKAGE, &err), -1, "shell metacharacters refused");
	is_int(err.code, HEAL_ERR_REFUSED, "as refused");
	is_int(heal_argcheck_value("--index-url=http://127.0.0.1:9/", HEAL_ARG_PACKAGE, &err), -1, "option injection refused");
	contains(err.msg, "'-'", "says leading '-'");
	is_int(heal_argcheck_value("http://x/y", HEAL_ARG_WORD, NULL), -1, "a URL refused");
	is_int(heal_argcheck_value("git+https://x", HEAL_ARG_PACKAGE, NULL), -1, "a VCS URL refused");
	is_int(heal_argcheck_value("@scope/pkg", HEAL_ARG_PACKAGE, NULL), -1, "'@' refused in a package");
	is_int(heal_argcheck_value("a/b", HEAL_ARG_PACKAGE, NULL), -1, "'/' refused in a package");
	is_int(heal_argcheck_value("$(id)", HEAL_ARG_WORD, NULL), -1, "$( refused");
	is_int(heal_argcheck_value("a`b`", HEAL_ARG_WORD, NULL), -1, "backquote refused");
	is_int(heal_argcheck_value("a\nb", HEAL_ARG_WORD, NULL), -1, "newline refused");
	is_int(heal_argcheck_value("", HEAL_ARG_WORD, NULL), -1, "empty refused");
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	is_int(heal_argcheck_value(long_name, HEAL_ARG_PACKAGE, NULL), -1, "overlong package refused");
	is_int(heal_argcheck_value("x==", HEAL_ARG_PACKAGE, NULL), -1, "empty version refused");
	is_int(heal_argcheck_value("x==1;2", HEAL_ARG_PACKAGE, NULL), -1, "bad version refused");

	heal_cmdpolicy_init(&pol);
	is_int(C("python3", "-m", "pip", "install", "--", "requests"), 0, "pip install -- pkg");
	is_int(C("python3", "-m", "pip", "install", "--user", "--", "requests", "idna"), 0, "with an allowed option");
	is_int(C("python3", "-m", "pip", "install", "requests"), -1, "positional before -- refused");
	is_int(C("python3", "-m", "pip", "install", "--index-url=http://x", "--", "r"), -1, "disallowed option refused");
	is_int(C("python3", "-m", "pip", "install", "--", "-r"), -1, "option after -- refused");
	is_int(C("python3", "-m", "pip", "uninstall", "--", "requests"), -1, "other pip subcommand refused");
	is_int(C("npm", "install", "--save-dev", "--", "left-pad"), 0, "npm install");
	is_int(C("npm", "ci"), 0, "npm ci");
	is_int(C("npm", "ci", "--", "x"), -1, "npm ci takes no arguments");
	is_int(C("terraform", "init", "-upgrade"), 0, "terraform init -upgrade");
	is_int(C("terraform", "apply", "-auto-approve"), -1, "terraform apply refused");
	is_int(C("ansible-galaxy", "collection", "install", "--", "community.general"), 0, "galaxy collection install");
	is_int(C("sh", "-c", "id"), -1, "a shell is not allowed");
	is_int(C("/usr/bin/npm", "install", "--", "x"), -1, "a program path is refused");
	is_int(C("make", "all"), -1, "make not allowed by default");
	is_int(heal_cmdpolicy_allow(&pol, "make", &err), 0, "allow make");
	is_int(C("make", "-j4", "all"), 0, "make with option and target");
	is_int(C("make", "--", "a;b"), -1, "but no metacharacters");
	is_int(C("make", "--eval=x://y"), -1, "nor URLs in options");
	is_int(heal_cmdpolicy_allow(&pol, "/bin/sh", &err), -1, "allow takes no paths");
	is_int(err.code, HEAL_ERR_USAGE, "as a usage error");
	heal_cmdpolicy_release(&pol);
	return tap_done();
}
