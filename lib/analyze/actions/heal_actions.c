/*
 * heal_actions.c - the table of actions a rule can name (heal_actions_find),
 * and the helpers every action module uses: the rule's arguments and
 * tables, the files an action reads, the record's location in them, the
 * edits it adds (CRLF kept), and small scans of a line's text.  The
 * actions themselves live in one file per concern (heal_actions_int.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_cand.h"
#include "heal_fixit.h"

/* ---- arguments, reasons, tables ------------------------------------------ */

const char *heal_act_arg_raw(const struct heal_act *a, const char *key)
{
	return heal_json_object_get_str(a->args, key);
}

char *heal_act_arg(struct heal_act *a, const char *key)
{
	struct heal_error e = HEAL_ERROR_INIT;
	const char *t = heal_act_arg_raw(a, key);
	char *s;

	if (!t)
		return NULL;
	s = heal_tmpl_dup(a->vars, t, false, &e);
	if (!s)
		heal_act_why(a, "%s: %s", key, e.msg);
	return s;
}

bool heal_act_arg_bool(const struct heal_act *a, const char *key, bool dflt)
{
	const struct heal_json *v = heal_json_object_get(a->args, key);

	if (!v)
		return dflt;
	return v->type == HEAL_JSON_TRUE;
}

void heal_act_why(struct heal_act *a, const char *fmt, ...)
{
	va_list ap;

	if (!a->why)
		return;
	heal_buf_reset(a->why);
	va_start(ap, fmt);
	heal_buf_vputf(a->why, fmt, ap);
	va_end(ap);
}

const struct heal_json *heal_act_table(const struct heal_act *a, const char *name)
{
	return name && a->table ? a->table(a->table_ctx, name) : NULL;
}

/* Whether table name surely lacks key (a look-up that need not parse it). */
bool heal_act_table_lacks(const struct heal_act *a, const char *name, const char *key)
{
	return name && key && a->table_lacks && a->table_lacks(a->table_ctx, name, key);
}

/* ---- files, locations, edits --------------------------------------------- */

const struct heal_source_file *heal_act_file(struct heal_act *a,
					     const char *rel)
{
	struct heal_error e = HEAL_ERROR_INIT;
	const struct heal_source_file *f;

	if (!rel || !*rel) {
		heal_act_why(a, "the error names no file");
		return NULL;
	}
	f = heal_sources_get(a->src, rel, &e);
	if (!f)
		heal_act_why(a, "%s", e.msg);
	return f;
}

/* The file an action works on: args.file, else the record's file. */
const struct heal_source_file *heal_act_target(struct heal_act *a)
{
	const struct heal_source_file *f;
	char *rel;

	if (!heal_act_arg_raw(a, "file"))
		return heal_act_file(a, a->file);
	rel = heal_act_arg(a, "file");
	if (!rel)
		return NULL;
	f = heal_act_file(a, rel);
	free(rel);
	return f;
}

bool heal_act_at_location(const struct heal_act *a,
			  const struct heal_source_file *f)
{
	return a->file && strcmp(a->file, f->rel) == 0 && a->line > 0;
}

/* The location line: its start and length. */
bool heal_act_loc_line(struct heal_act *a, const struct heal_source_file *f,
		       size_t *start, size_t *len)
{
	if (!heal_act_at_location(a, f) ||
	    !heal_source_line(f, (size_t)a->line, start, len)) {
		heal_act_why(a, "the error has no line in '%s'", f->rel);
		return false;
	}
	return true;
}

bool heal_act_loc_offset(struct heal_act *a, const struct heal_source_file *f,
			 size_t *off)
{
	if (!heal_act_at_location(a, f) || a->column < 1 ||
	    heal_fixit_offset(f->data, f->len, a->line, a->column,
			      HEAL_UNIT_BYTE, off, NULL) < 0) {
		heal_act_why(a, "the error has no usable column in '%s'", f->rel);
		return false;
	}
	return true;
}

static bool file_is_crlf(const struct heal_source_file *f)
{
	const char *nl = memchr(f->data, '\n', f->len);

	return nl && nl > f->data && nl[-1] == '\r';
}

/* Add an edit; "\n" in text becomes "\r\n" in a CRLF file. */
void heal_act_emit(struct heal_act *a, const struct heal_source_file *f,
		   size_t start, size_t end, const char *text, size_t len)
{
	struct heal_buf b;
	size_t i;

	if (!file_is_crlf(f) || !memchr(text, '\n', len)) {
		heal_cand_add_edit(a->fix, f->rel, start, end, text, len, f->sha256);
		return;
	}
	heal_buf_init(&b, 2 * len + 1);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
			heal_buf_putc(&b, '\r');
		heal_buf_putc(&b, text[i]);
	}
	heal_cand_add_edit(a->fix, f->rel, start, end, b.data ? b.data : "", b.len,
			  f->sha256);
	heal_buf_release(&b);
}

/* A root-relative path from a value printed by a tool, or NULL. */
char *heal_act_project_path(struct heal_act *a, const char *p)
{
	char *rel = NULL;

	if (!p || !*p)
		return NULL;
	if (heal_root_relpath(a->src->root, NULL, p, strlen(p), &rel) != HEAL_REL_INSIDE) {
		heal_act_why(a, "'%s' is outside the project", p);
		return NULL;
	}
	if (strcmp(rel, ".") == 0 || strncmp(rel, ".heal", 5) == 0) {
		free(rel);
		return NULL;
	}
	return rel;
}

char *heal_act_dir_of(const char *rel)
{
	const char *sl = rel ? strrchr(rel, '/') : NULL;

	return sl ? heal_strndup(rel, (size_t)(sl - rel)) : heal_strdup("");
}

char *heal_act_join(const char *dir, const char *name)
{
	struct heal_buf b;

	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (dir && *dir && strcmp(dir, ".") != 0)
		heal_buf_putf(&b, "%s/", dir);
	heal_buf_puts(&b, name);
	return heal_buf_detach(&b, NULL);
}

/* ---- text ---------------------------------------------------------------- */

bool heal_act_is_word(int c)
{
	return isalnum(c) || c == '_';
}

bool heal_act_is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

size_t heal_act_indent_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Indentation in columns, a tab advancing to the next multiple of 8. */
size_t heal_act_indent_cols(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ')
			c++;
		else if (s[i] == '\t')
			c += 8 - c % 8;
		else
			break;
	}
	return c;
}

/* End of the code on a line: before a trailing comment and blanks. */
size_t heal_act_code_end(const char *s, size_t n, const char *comment)
{
	size_t i, cl = comment ? strlen(comment) : 0;
	char q = 0;

	for (i = 0; cl && i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
			continue;
		}
		if (n - i >= cl && memcmp(s + i, comment, cl) == 0) {
			if (comment[0] == '#' && i > 0 && s[i - 1] == '$')
				continue;
			n = i;
			break;
		}
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Whether needle occurs at data[off] with word boundaries where needed. */
bool heal_act_occurs_at(const char *data, size_t len, size_t off,
			const char *needle, size_t nl, bool word)
{
	if (off + nl > len || memcmp(data + off, needle, nl) != 0)
		return false;
	if (!word)
		return true;
	if (heal_act_is_word((unsigned char)needle[0]) && off > 0 &&
	    heal_act_is_word((unsigned char)data[off - 1]))
		return false;
	if (heal_act_is_word((unsigned char)needle[nl - 1]) && off + nl < len &&
	    heal_act_is_word((unsigned char)data[off + nl]))
		return false;
	return true;
}

/* Offsets of needle in data[from, to), at most max. */
size_t heal_act_find_all(const char *data, size_t from, size_t to,
			 const char *needle, bool word, size_t *out, size_t max)
{
	size_t nl = strlen(needle), n = 0, p = from;

	if (nl == 0)
		return 0;
	while (p + nl <= to && n < max) {
		const char *hit = memmem(data + p, to - p, needle, nl);

		if (!hit)
			break;
		p = (size_t)(hit - data);
		if (p + nl <= to && heal_act_occurs_at(data, to, p, needle, nl, word))
			out[n++] = p;
		p++;
	}
	return n;
}

bool heal_act_valid_name(const char *s, const char *extra)
{
	if (!s || !*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!heal_act_is_word((unsigned char)*s) && !(extra && strchr(extra, *s)))
			return false;
	return true;
}

bool heal_act_abbreviates(const char *s, const char *l, size_t min)
{
	if (strlen(s) < min || strlen(s) >= strlen(l) || *s != *l)
		return false;
	for (; *l && *s; l++)
		if (*l == *s)
			s++;
	return !*s;
}

/* ---- the table ----------------------------------------------------------- */

static const struct heal_action_def actions[] = {
	{ "none", heal_act_none, { NULL }, { NULL } },
	{ "replace", heal_act_replace, { "old", "new", NULL }, { "scope", "word", "file", NULL } },
	{ "insert", heal_act_insert, { "text", NULL }, { "at", "file", "comment", NULL } },
	{ "delete-line", heal_act_delete_line, { NULL }, { "file", NULL } },
	{ "reindent", heal_act_reindent, { NULL }, { "to", "block", "file", NULL } },
	{ "tab-indent", heal_act_tab_indent, { NULL }, { "file", "all", NULL } },
	{ "space-indent", heal_act_space_indent, { NULL }, { "file", NULL } },
	{ "close-block", heal_act_close_block, { NULL }, { "style", "file", "dedent", NULL } },
	{ "close-directive", heal_act_close_directive, { NULL }, { "file", NULL } },
	{ "drop-arguments", heal_act_drop_arguments, { NULL }, { "file", NULL } },
	{ "add-keyword", heal_act_add_keyword, { "keyword", "opener", NULL }, { "file", NULL } },
	{ "add-include", heal_act_add_include, { "header", NULL }, { "system", "file", NULL } },
	{ "add-import", heal_act_add_import, { "module", NULL }, { "name", "file", NULL } },
	{ "add-prototype", heal_act_add_prototype, { "name", NULL }, { "file", NULL } },
	{ "delete-declaration", heal_act_delete_declaration, { "name", NULL }, { "file", "assignments", NULL } },
	{ "void-cast", heal_act_void_cast, { "name", NULL }, { "where", "file", NULL } },
	{ "add-return", heal_act_add_return, { NULL }, { "file", "only", NULL } },
	{ "brace-body", heal_act_brace_body, { NULL }, { "at", "file", NULL } },
	{ "format-spec", heal_act_format_spec, { "conversion", NULL }, { "file", NULL } },
	{ "quote-expansion", heal_act_quote_expansion, { NULL }, { "file", NULL } },
	{ "close-brackets", heal_act_close_brackets, { NULL }, { "file", NULL } },
	{ "remove-import-name", heal_act_remove_import_name, { "name", NULL }, { "file", NULL } },
	{ "return-printed", heal_act_return_printed, { "name", NULL }, { "file", NULL } },
	{ "add-final-return", heal_act_add_final_return, { "name", "value", NULL }, { "file", NULL } },
	{ "list-item", heal_act_list_item, { NULL }, { "file", NULL } },
	{ "merge-block", heal_act_merge_block, { "line", NULL }, { "into", "file", NULL } },
	{ "wrap-block", heal_act_wrap_block, { "name", NULL }, { "file", NULL } },
	{ "string-list", heal_act_string_list, { NULL }, { "file", NULL } },
	{ "regex-replace", heal_act_regex_replace, { "pattern", "replace", NULL }, { "scope", "all", "file", NULL } },
	{ "chmod", heal_act_chmod, { "path", NULL }, { NULL } },
	{ "strip-cr", heal_act_strip_cr, { NULL }, { "file", NULL } },
	{ "ascii-lookalikes", heal_act_ascii_lookalikes, { NULL }, { "file", NULL } },
	{ "mkdir", heal_act_mkdir, { "path", NULL }, { NULL } },
	{ "command", heal_act_command, { "argv", NULL }, { NULL } },
	{ "install", heal_act_install, { "module", NULL }, { "table", "stdlib", NULL } },
	{ "add-link-lib", heal_act_add_link_lib, { "lib", NULL }, { NULL } },
	{ "link-near-definition", heal_act_link_near, { "name", "side", NULL }, { NULL } },
	{ "link-match-declaration", heal_act_link_match_decl, { "name", NULL }, { NULL } },
	{ "link-add-object", heal_act_link_add_object, { "name", NULL }, { NULL } },
	{ "link-one-definition", heal_act_link_one_definition, { "name", NULL }, { NULL } },
};

const struct heal_action_def *heal_actions_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].name, name) == 0)
			return &actions[i];
	return NULL;
}

const char *heal_actions_names(void)
{
	return "none, replace, insert, delete-line, reindent, tab-indent, "
	       "space-indent, close-block, close-directive, drop-arguments, add-keyword, "
	       "add-include, add-import, add-prototype, delete-declaration, void-cast, add-return, "
	       "brace-body, format-spec, quote-expansion, close-brackets, remove-import-name, "
	       "return-printed, add-final-return, "
	       "list-item, merge-block, wrap-block, string-list, "
	       "regex-replace, chmod, strip-cr, ascii-lookalikes, mkdir, command, install, add-link-lib, "
	       "link-near-definition, link-match-declaration, link-add-object, "
	       "link-one-definition";
}
