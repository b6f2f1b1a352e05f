/*
 * heal_act_make.c - the actions that know Makefiles: tab-indent (recipes
 * indented with spaces) and add-link-lib (-lNAME in LDLIBS or the link
 * recipe); and which file is the project's Makefile.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_regex.h"

/*
 * The file make reads: the first of its three default names that exists
 * in the project root.
 */
const struct heal_source_file *heal_act_makefile(struct heal_act *a)
{
	static const char *const names[] = { "GNUmakefile", "makefile", "Makefile" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (heal_source_exists(a->src, names[i], NULL, NULL))
			return heal_act_file(a, names[i]);
	heal_act_why(a, "no Makefile in the project root");
	return NULL;
}

/* Whether line s[0..n) is a make rule header: "target ...: prerequisites". */
static bool make_rule_line(const char *s, size_t n)
{
	static const char *const directives[] = {
		"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include",
		"-include", "sinclude", "define", "endef", "export", "unexport",
		"override", "vpath", NULL
	};
	size_t i, k;

	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '#')
		return false;
	for (k = 0; directives[k]; k++) {
		size_t dl = strlen(directives[k]);

		if (n >= dl && memcmp(s, directives[k], dl) == 0 &&
		    (n == dl || s[dl] == ' ' || s[dl] == '\t'))
			return false;
	}
	for (i = 0; i < n && s[i] != '=' && s[i] != '#'; i++)
		if (s[i] == ':')
			return !(i + 1 < n && s[i + 1] == '=') &&
			       !(i + 2 < n && s[i + 1] == ':' && s[i + 2] == '=');
	return false;
}

/* Lines from line k on indented with spaces (not blank): each gets a tab. */
static int tab_block(struct heal_act *a, const struct heal_source_file *f,
		     size_t k)
{
	size_t ls, ll;
	int n = 0;

	for (; heal_source_line(f, k, &ls, &ll); k++) {
		size_t il = heal_act_indent_len(f->data + ls, ll);

		if (ll == 0 || f->data[ls] != ' ' || il == ll)
			break;
		heal_act_emit(a, f, ls, ls + il, "\t", 1);
		n++;
	}
	return n;
}

/*
 * make: the recipe at the error's line starts with spaces.  With "all",
 * so do the recipes of the rules below it (an editor that expanded every
 * tab): make stops at the first, and fixing one at a time would only
 * reveal the next.  A recipe is the lines right under a rule header (and
 * its continued prerequisites); variable continuations, define blocks and
 * indented directives are left.
 */
int heal_act_tab_indent(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, k;
	bool cont = false, def = false, pending = false;
	int n;

	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	n = tab_block(a, f, (size_t)a->line);
	if (!n) {
		heal_act_why(a, "line %lld is not indented with spaces", (long long)a->line);
		return 0;
	}
	if (!heal_act_arg_bool(a, "all", false))
		return 1;
	for (k = (size_t)a->line + (size_t)n;
	     n < ACT_MAX_OCCURRENCES && heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;
		bool header = !cont && !def && make_rule_line(s, ll), was;
		size_t il = heal_act_indent_len(s, ll);

		if (il + 6 <= ll && memcmp(s + il, "define", 6) == 0 &&
		    (il + 6 == ll || s[il + 6] == ' ' || s[il + 6] == '\t'))
			def = true;
		else if (il + 5 <= ll && memcmp(s + il, "endef", 5) == 0)
			def = false;
		was = cont;
		cont = ll > 0 && s[ll - 1] == '\\';
		if (header && cont) {
			pending = true;         /* prerequisites continue */
		} else if (header || (pending && was && !cont)) {
			int m = tab_block(a, f, k + 1);

			pending = false;
			n += m;
			k += (size_t)m;
		}
	}
	return 1;
}

/* make: link a library: LDLIBS, or the link recipe itself. */
int heal_act_add_link_lib(struct heal_act *a, struct heal_error *err)
{
	char *lib = heal_act_arg(a, "lib");
	const struct heal_source_file *f;
	struct heal_buf flag, pat;
	struct heal_regex re;
	const char *g;
	size_t gl, ls, ll, k, last_var = 0;
	int r = 0;

	heal_buf_init(&flag, HEAL_BUF_UNBOUNDED);
	heal_buf_init(&pat, HEAL_BUF_UNBOUNDED);
	if (!lib || !heal_act_valid_name(lib, "+-."))
		goto out;
	if (!(f = heal_act_makefile(a)))
		goto out;
	heal_buf_putf(&flag, "-l%s", lib);
	if (heal_act_find_all(f->data, 0, f->len, flag.data, true, &k, 1)) {
		heal_act_why(a, "the Makefile links %s already", flag.data);
		goto out;
	}
	if (heal_regex_compile(&re, "(?m)^LDLIBS[ \\t]*[:+?]?=[^\\n]*?(?=[ \\t]*\\r?$)", 0, err) == 0 &&
	    heal_regex_match(&re, f->data, f->len, 0) == 1) {
		heal_regex_group(&re, 0, &g, &gl);
		heal_buf_reset(&pat);
		heal_buf_putf(&pat, " %s", flag.data);
		heal_act_emit(a, f, (size_t)(g - f->data) + gl, (size_t)(g - f->data) + gl,
			      pat.data, pat.len);
		heal_regex_release(&re);
		r = 1;
		goto out;
	}
	heal_regex_release(&re);
	/* a link recipe that ignores LDLIBS gets the flag itself */
	if (!memmem(f->data, f->len, "LDLIBS", 6) &&
	    heal_regex_compile(&re, "(?m)^\\t[^\\n]*-o[ \\t]+[^\\n]*?(?=[ \\t]*\\r?$)", 0, err) == 0) {
		if (heal_regex_match(&re, f->data, f->len, 0) == 1) {
			heal_regex_group(&re, 0, &g, &gl);
			if (!memmem(g, gl, " -c", 3)) {
				heal_buf_reset(&pat);
				heal_buf_putf(&pat, " %s", flag.data);
				heal_act_emit(a, f, (size_t)(g - f->data) + gl,
					      (size_t)(g - f->data) + gl, pat.data, pat.len);
				r = 1;
			}
		}
		heal_regex_release(&re);
		if (r)
			goto out;
	}
	for (k = 1; heal_source_line(f, k, &ls, &ll); k++) {
		const char *s = f->data + ls;

		if (ll > 0 && s[0] == '\t')
			continue;
		if (memchr(s, '=', ll) && (isalpha((unsigned char)s[0]) || s[0] == '_') &&
		    !(memchr(s, ':', ll) && (const char *)memchr(s, ':', ll) <
		      (const char *)memchr(s, '=', ll) &&
		      ((const char *)memchr(s, ':', ll))[1] != '='))
			last_var = ls + ll + heal_source_eol_len(f, k);
		else if (memchr(s, ':', ll))
			break;
	}
	heal_buf_reset(&pat);
	heal_buf_putf(&pat, "LDLIBS += %s\n", flag.data);
	heal_act_emit(a, f, last_var, last_var, pat.data, pat.len);
	r = 1;
out:
	if (r)
		heal_vars_set(a->vars, "flag", heal_buf_str(&flag));
	heal_buf_release(&flag);
	heal_buf_release(&pat);
	free(lib);
	return r;
}
