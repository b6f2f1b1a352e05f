/*
 * heal_act_edit.c - the actions that edit text without knowing its
 * language: none, replace, insert (its positions that know C or Python
 * ask heal_act_c.c and heal_act_python.c), delete-line, reindent,
 * close-block (braces, or the shell's fi/done/esac), add-keyword,
 * regex-replace and strip-cr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_cand.h"
#include "heal_lang.h"
#include "heal_regex.h"

int heal_act_none(struct heal_act *a, struct heal_error *err)
{
	heal_act_why(a, "the rule only classifies");
	return 0;
}

int heal_act_replace(struct heal_act *a, struct heal_error *err)
{
	char *old = heal_act_arg(a, "old"), *new = heal_act_arg(a, "new");
	const char *scope = heal_act_arg_raw(a, "scope");
	bool word = heal_act_arg_bool(a, "word", true);
	const struct heal_source_file *f = NULL;
	size_t offs[ACT_MAX_OCCURRENCES], n = 0, i, ls, ll, off;
	int r = 0;

	if (!scope)
		scope = "location";
	if (!old || !new || !*old || strcmp(old, new) == 0 || !(f = heal_act_target(a)))
		goto out;
	if (strcmp(scope, "location") == 0 && heal_act_at_location(a, f) &&
	    a->column > 0 && heal_act_loc_offset(a, f, &off) &&
	    heal_act_occurs_at(f->data, f->len, off, old, strlen(old), word)) {
		offs[n++] = off;
	} else if ((strcmp(scope, "location") == 0 || strcmp(scope, "line") == 0) &&
		   heal_act_at_location(a, f)) {
		if (heal_source_line(f, (size_t)a->line, &ls, &ll))
			n = heal_act_find_all(f->data, ls, ls + ll, old, word, offs,
					      ACT_MAX_OCCURRENCES);
	} else if (strcmp(scope, "after") == 0 ||
		   (strcmp(scope, "file") != 0 && !heal_act_at_location(a, f))) {
		ls = 0;
		if (heal_act_at_location(a, f))
			heal_source_line(f, (size_t)a->line, &ls, &ll);
		n = heal_act_find_all(f->data, ls, f->len, old, word, offs, 1);
	} else if (strcmp(scope, "file") == 0) {
		n = heal_act_find_all(f->data, 0, f->len, old, word, offs,
				      ACT_MAX_OCCURRENCES);
	}
	if (n == 0) {
		heal_act_why(a, "'%s' not found (%s) in '%s'", old, scope, f->rel);
		goto out;
	}
	for (i = 0; i < n; i++)
		heal_act_emit(a, f, offs[i], offs[i] + strlen(old), new, strlen(new));
	heal_vars_set(a->vars, "old", old);
	heal_vars_set(a->vars, "new", new);
	r = 1;
out:
	free(old);
	free(new);
	return r;
}

/* The start of the first body line of the block enclosing line n. */
static bool block_start(const struct heal_source_file *f, size_t n,
			size_t *pos, struct heal_buf *indent)
{
	size_t ls, ll, li, cols, k;

	if (!heal_source_line(f, n, &ls, &ll))
		return false;
	cols = heal_act_indent_cols(f->data + ls, ll);
	for (k = n - 1; k >= 1; k--) {
		size_t s2, l2, e;

		heal_source_line(f, k, &s2, &l2);
		if (heal_act_is_blank(f->data + s2, l2) || heal_act_indent_cols(f->data + s2, l2) >= cols)
			continue;
		e = heal_act_code_end(f->data + s2, l2,
				     heal_lang_line_comment(f->rel, "#"));
		if (e == 0 || f->data[s2 + e - 1] != ':')
			return false;
		/* the first non-blank line after the header */
		for (k = k + 1; heal_source_line(f, k, &s2, &l2); k++)
			if (!heal_act_is_blank(f->data + s2, l2))
				break;
		li = heal_act_indent_len(f->data + s2, l2);
		heal_buf_put(indent, f->data + s2, li);
		*pos = s2;
		return true;
	}
	return false;
}

/*
 * Set "step" to the file's indentation unit at line: what line's indentation
 * adds to the nearest line above it that is less indented (a tab, four
 * spaces...); four spaces when no line above says.
 */
static void indent_step(struct heal_act *a, const struct heal_source_file *f,
			size_t line)
{
	size_t ls, ll, s2, l2, in, i2, k;
	char step[64] = "    ";

	if (!heal_source_line(f, line, &ls, &ll))
		return;
	in = heal_act_indent_len(f->data + ls, ll);
	for (k = line - 1; in > 0 && k >= 1; k--) {
		if (!heal_source_line(f, k, &s2, &l2) || heal_act_is_blank(f->data + s2, l2))
			continue;
		i2 = heal_act_indent_len(f->data + s2, l2);
		if (i2 < in) {
			if (memcmp(f->data + s2, f->data + ls, i2) == 0 && in - i2 < sizeof step) {
				memcpy(step, f->data + ls + i2, in - i2);
				step[in - i2] = '\0';
			}
			break;
		}
	}
	heal_vars_set(a->vars, "step", step);
}

int heal_act_insert(struct heal_act *a, struct heal_error *err)
{
	const char *at = heal_act_arg_raw(a, "at");
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf ind;
	size_t pos = 0, ls = 0, ll = 0;
	char *text = NULL;
	bool flag = false;
	int r = 0;

	if (!at)
		at = "location";
	if (!f)
		return 0;
	heal_buf_init(&ind, HEAL_BUF_UNBOUNDED);
	if (heal_act_at_location(a, f) && heal_source_line(f, (size_t)a->line, &ls, &ll))
		heal_buf_put(&ind, f->data + ls, heal_act_indent_len(f->data + ls, ll));
	if (strcmp(at, "location") == 0) {
		if (!heal_act_loc_offset(a, f, &pos))
			goto out;
	} else if (strcmp(at, "line-start") == 0) {
		if (!heal_act_loc_line(a, f, &ls, &ll))
			goto out;
		pos = ls;
	} else if (strcmp(at, "line-end") == 0) {
		if (!heal_act_loc_line(a, f, &ls, &ll))
			goto out;
		pos = ls + heal_act_code_end(f->data + ls, ll,
					     heal_act_arg_raw(a, "comment") ?
					     heal_act_arg_raw(a, "comment") :
					     heal_lang_line_comment(f->rel, NULL));
	} else if (strcmp(at, "after-previous-token") == 0) {
		if (!heal_act_loc_line(a, f, &ls, &ll))
			goto out;
		if (a->column < 1 || !heal_act_loc_offset(a, f, &pos))
			pos = ls + heal_act_indent_len(f->data + ls, ll);
		pos = heal_act_c_prev_token_end(f, pos);
		if (pos == 0) {
			heal_act_why(a, "no token before the location");
			goto out;
		}
		if (heal_act_c_include_last_token(a, f, pos, &f, &pos))
			heal_buf_reset(&ind);
	} else if (strcmp(at, "file-start") == 0) {
		pos = 0;
	} else if (strcmp(at, "after-includes") == 0) {
		pos = heal_act_c_include_pos(f, &flag);
	} else if (strcmp(at, "after-imports") == 0) {
		pos = heal_act_py_import_pos(f, &flag);
	} else if (strcmp(at, "block-start") == 0) {
		heal_buf_reset(&ind);
		if (!heal_act_at_location(a, f) ||
		    !block_start(f, (size_t)a->line, &pos, &ind)) {
			heal_act_why(a, "no enclosing block found");
			goto out;
		}
	} else {
		heal_act_why(a, "unknown insert position '%s'", at);
		goto out;
	}
	heal_vars_set(a->vars, "indent", heal_buf_str(&ind));
	if (heal_act_at_location(a, f))
		indent_step(a, f, (size_t)a->line);
	text = heal_act_arg(a, "text");
	if (!text)
		goto out;
	heal_act_emit(a, f, pos, pos, text, strlen(text));
	r = 1;
out:
	heal_buf_release(&ind);
	free(text);
	return r;
}

int heal_act_delete_line(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll;

	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	heal_act_emit(a, f, ls, ls + ll + heal_source_eol_len(f, (size_t)a->line), "", 0);
	return 1;
}

/* Lines (first, n) that move with line first when it is re-indented. */
static size_t block_lines(const struct heal_source_file *f, size_t first,
			  size_t cols)
{
	size_t k, n = 1, ls, ll;

	for (k = first + 1; heal_source_line(f, k, &ls, &ll); k++) {
		if (heal_act_is_blank(f->data + ls, ll))
			continue;
		if (heal_act_indent_cols(f->data + ls, ll) < cols)
			break;
		n = k - first + 1;
	}
	return n;
}

static void shift_line(struct heal_act *a, const struct heal_source_file *f,
		       size_t line, long delta, const char *unit)
{
	size_t ls, ll, il, cols, want, i;
	struct heal_buf b;

	heal_source_line(f, line, &ls, &ll);
	if (heal_act_is_blank(f->data + ls, ll))
		return;
	il = heal_act_indent_len(f->data + ls, ll);
	cols = heal_act_indent_cols(f->data + ls, ll);
	want = (long)cols + delta < 0 ? 0 : (size_t)((long)cols + delta);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	if (unit && unit[0] == '\t') {
		for (i = 0; i < want / 8; i++)
			heal_buf_putc(&b, '\t');
		want %= 8;
	}
	for (i = 0; i < want; i++)
		heal_buf_putc(&b, ' ');
	if (b.len != il || memcmp(b.data ? b.data : "", f->data + ls, il) != 0)
		heal_act_emit(a, f, ls, ls + il, b.data ? b.data : "", b.len);
	heal_buf_release(&b);
}

/*
 * The lines (first, n) that move with a YAML line moved from cols to want:
 * the line and, when its first child (the next line deeper than cols)
 * would not be deeper than want, every line deeper than cols below it.
 */
static size_t yaml_children(const struct heal_source_file *f, size_t first,
			    size_t cols, size_t want)
{
	size_t k, ls, ll;

	for (k = first + 1; heal_source_line(f, k, &ls, &ll); k++) {
		if (heal_act_is_blank(f->data + ls, ll))
			continue;
		if (heal_act_indent_cols(f->data + ls, ll) <= cols ||
		    heal_act_indent_cols(f->data + ls, ll) > want)
			return 1;
		return block_lines(f, first, cols);
	}
	return 1;
}

/* Whether a file is YAML by its name. */
static bool yaml_path(const char *rel)
{
	const char *dot = strrchr(rel, '.');

	return dot && (strcmp(dot, ".yml") == 0 || strcmp(dot, ".yaml") == 0);
}

/* Whether a YAML line is a list item ("- name: x", "-"). */
static bool yaml_item(const char *s, size_t n)
{
	size_t il = heal_act_indent_len(s, n);

	return il < n && s[il] == '-' && (il + 1 == n || s[il + 1] == ' ' || s[il + 1] == '\t');
}

/*
 * Whether the first line after list item `line` (at s[0..n), cols deep)
 * is a key of the item's own mapping where it stands now: lined up after
 * its "- ".
 */
static bool item_keys_follow(const struct heal_source_file *f, size_t line,
			     size_t ls, size_t n, size_t cols)
{
	size_t il = heal_act_indent_len(f->data + ls, n), k, s2, l2;
	size_t keys = cols + 1 + heal_act_indent_len(f->data + ls + il + 1, n - il - 1);

	for (k = line + 1; heal_source_line(f, k, &s2, &l2); k++)
		if (!heal_act_is_blank(f->data + s2, l2))
			return heal_act_indent_cols(f->data + s2, l2) == keys;
	return false;
}

/* Whether a line is a clause of a compound statement (else:, except ...:). */
static bool python_clause(const char *s, size_t n)
{
	static const char *const words[] = { "else", "elif", "except", "finally" };
	size_t il = heal_act_indent_len(s, n), i, k;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		k = strlen(words[i]);
		if (n - il >= k && memcmp(s + il, words[i], k) == 0 &&
		    (n - il == k || !heal_act_is_word((unsigned char)s[il + k])))
			return true;
	}
	return false;
}

int heal_act_reindent(struct heal_act *a, struct heal_error *err)
{
	const char *to = heal_act_arg_raw(a, "to");
	const struct heal_source_file *f = heal_act_target(a);
	size_t ls, ll, cols, k, prev = 0, want = (size_t)-1, n, i, level = 0, prev_cols = 0;
	bool prev_opens = false, clause, yaml, item;
	char unit[2] = " ";

	if (!to)
		to = "previous";
	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	cols = heal_act_indent_cols(f->data + ls, ll);
	if (ll > 0 && f->data[ls] == '\t')
		unit[0] = '\t';
	clause = python_clause(f->data + ls, ll);
	yaml = yaml_path(f->rel);
	item = yaml && yaml_item(f->data + ls, ll);
	for (k = (size_t)a->line - 1; k >= 1; k--) {
		size_t s2, l2, e;

		heal_source_line(f, k, &s2, &l2);
		if (heal_act_is_blank(f->data + s2, l2) || f->data[s2 + heal_act_indent_len(f->data + s2, l2)] == '#')
			continue;
		if (!prev) {
			prev = k;
			e = heal_act_code_end(f->data + s2, l2,
				     heal_lang_line_comment(f->rel, "#"));
			prev_opens = e > 0 && f->data[s2 + e - 1] == ':';
			if (strcmp(to, "previous") == 0) {
				size_t il2 = heal_act_indent_len(f->data + s2, l2);

				want = heal_act_indent_cols(f->data + s2, l2);
				/* the first line of a block goes one level deeper */
				if (prev_opens)
					want += 4;
				/* a YAML list item's mapping ("- name: x"): its
				 * keys line up after the "- " */
				else if (yaml && il2 + 1 < l2 && f->data[s2 + il2] == '-' &&
					 (f->data[s2 + il2 + 1] == ' ' || f->data[s2 + il2 + 1] == '\t'))
					want += 1 + heal_act_indent_len(f->data + s2 + il2 + 1,
									l2 - il2 - 1);
				break;
			}
		}
		if (strcmp(to, "outer") == 0) {
			/*
			 * The enclosing levels: the previous line's and those
			 * of the lines that open the blocks it is in (each
			 * shallower than the last), down to 0; the nearest.
			 * Between two, a line dedented leaves the previous
			 * line's block (the shallower); between two outer
			 * ones, a clause (else, except, ...) goes to the
			 * shallower header's, any other line stays in the
			 * deeper block (a return under an if's body is the
			 * function's, not the top level's).
			 */
			size_t c2 = heal_act_indent_cols(f->data + s2, l2);
			size_t d = c2 > cols ? c2 - cols : cols - c2;
			size_t dw = want == (size_t)-1 ? (size_t)-1 :
				    want > cols ? want - cols : cols - want;

			if (k != prev && c2 >= level)
				continue;
			if (k == prev)
				prev_cols = c2;
			level = c2;
			/* a YAML list item goes to a level where a list
			 * item stands: its siblings' */
			if (item && !yaml_item(f->data + s2, l2))
				d = (size_t)-1;
			if (c2 != cols && d != (size_t)-1 &&
			    (d < dw || (d == dw && (clause || want == prev_cols ?
						   c2 < want : c2 > want))))
				want = c2;
			if (c2 == 0)
				break;
		}
	}
	/* no code line before it (only comments): the file's own level */
	if ((strcmp(to, "outer") == 0 || !prev) && want == (size_t)-1)
		want = 0;
	if (want == (size_t)-1 || want == cols) {
		heal_act_why(a, "no indentation level to move line %lld to", (long long)a->line);
		return 0;
	}
	n = heal_act_arg_bool(a, "block", true) ? block_lines(f, (size_t)a->line, cols) : 1;
	/* a YAML list item whose own keys stand where its siblings' do
	 * ("   - name: b" over "    debug:", the items at 2): the item's
	 * line alone was off */
	if (item && n > 1 && !item_keys_follow(f, (size_t)a->line, ls, ll, cols))
		n = 1;
	/* a YAML key moved deeper takes its children along when they would
	 * not be deeper than it any more ("- name: b" / "ansible.builtin.debug:"
	 * a level too shallow, its msg: below it) */
	if (n == 1 && yaml && want > cols)
		n = yaml_children(f, (size_t)a->line, cols, want);
	for (i = 0; i < n; i++)
		shift_line(a, f, (size_t)a->line + i, (long)want - (long)cols, unit);
	return heal_json_object_get(a->fix, "edits") ? 1 : 0;
}

static bool word_at(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s, w, k) == 0 && (n == k || !heal_act_is_word((unsigned char)s[k]));
}

static bool ends_with_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0 &&
	       (n == k || !heal_act_is_word((unsigned char)s[n - k - 1]));
}

/* The closer a line opens ("}", "fi", "done", "esac"), or NULL. */
static const char *opener_of(const char *s, size_t n, bool shell)
{
	size_t e = heal_act_code_end(s, n, shell ? "#" : "//");

	if (e == 0)
		return NULL;
	if (s[e - 1] == '{')
		return "}";
	if (!shell)
		return NULL;
	if ((word_at(s, e, "if") || word_at(s, e, "elif")) && ends_with_word(s, e, "then"))
		return "fi";
	if ((word_at(s, e, "for") || word_at(s, e, "while") ||
	     word_at(s, e, "until") || word_at(s, e, "select")) &&
	    ends_with_word(s, e, "do"))
		return "done";
	if (word_at(s, e, "case") && ends_with_word(s, e, "in"))
		return "esac";
	return NULL;
}

/*
 * Whether a line before line o opens a block (with closer) at indentation
 * cols that no line between it and o closes at that indentation: the
 * enclosing block a closer at cols lines up with.
 */
static bool outer_opener_at(const struct heal_source_file *f, size_t o, size_t cols,
			    const char *closer, bool shell)
{
	size_t k, s, l;

	for (k = o; k-- > 1;) {
		const char *t;
		size_t il;

		heal_source_line(f, k, &s, &l);
		t = f->data + s;
		if (heal_act_is_blank(t, l) || heal_act_indent_cols(t, l) != cols)
			continue;
		il = heal_act_indent_len(t, l);
		if (opener_of(t + il, l - il, shell) &&
		    strcmp(opener_of(t + il, l - il, shell), closer) == 0)
			return true;
		/* a line at that indentation that is no opener (a closer, a
		 * statement) ends the search: the block there is closed */
		return false;
	}
	return false;
}

int heal_act_close_block(struct heal_act *a, struct heal_error *err)
{
	const char *style = heal_act_arg_raw(a, "style");
	bool shell = style && strcmp(style, "shell") == 0;
	/* a closer left of its opener may close an enclosing block instead
	 * (the rule says so: in student C the repair search's priors place
	 * such a '}' better than indentation does) */
	bool dedent = heal_act_arg_bool(a, "dedent", false);
	const struct heal_source_file *f = heal_act_target(a);
	size_t o, ls, ll;

	if (!f)
		return 0;
	for (o = 1; heal_source_line(f, o, &ls, &ll); o++) {
		const char *s = f->data + ls;
		size_t il = heal_act_indent_len(s, ll), cols = heal_act_indent_cols(s, ll);
		const char *closer = opener_of(s + il, ll - il, shell);
		size_t j, last = o, s2, l2, body = 0, end_last = 0;
		bool closed = false;

		if (!closer)
			continue;
		for (j = o + 1; heal_source_line(f, j, &s2, &l2); j++) {
			const char *t = f->data + s2;
			size_t i2 = heal_act_indent_len(t, l2), c2 = heal_act_indent_cols(t, l2);

			if (heal_act_is_blank(t, l2))
				continue;
			if (c2 > cols) {
				/* the body's indentation is its first line's: a line
				 * left of it is past the body when a closer left of
				 * the opener proves the block unclosed ('else{' at 3,
				 * its printf at 7, 'return 0;' at 4, '}' at 0) */
				if (!body)
					body = c2;
				if (c2 < body && !end_last)
					end_last = last;
				last = j;
				continue;
			}
			if (word_at(t + i2, l2 - i2, closer) ||
			    (closer[0] == '}' && t[i2] == '}')) {
				/* with dedent, a closer left of the opener that an
				 * enclosing block's opener lines up with is that
				 * block's */
				closed = c2 == cols || !dedent ||
					 !outer_opener_at(f, o, c2, closer, shell);
				if (!closed && end_last)
					last = end_last;
				break;
			}
			if (shell && heal_act_indent_cols(t, l2) == cols &&
			    (word_at(t + i2, l2 - i2, "else") ||
			     word_at(t + i2, l2 - i2, "elif"))) {
				last = j;
				continue;
			}
			break;
		}
		if (!closed && last > o) {
			size_t p, pl;
			struct heal_buf b;

			heal_source_line(f, last, &p, &pl);
			heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
			heal_buf_put(&b, s, il);
			heal_buf_puts(&b, closer);
			heal_buf_putc(&b, '\n');
			p += pl + heal_source_eol_len(f, last);
			if (p == f->len && heal_source_eol_len(f, last) == 0) {
				heal_buf_reset(&b);
				heal_buf_putc(&b, '\n');
				heal_buf_put(&b, s, il);
				heal_buf_puts(&b, closer);
				heal_buf_putc(&b, '\n');
			}
			heal_act_emit(a, f, p, p, b.data, b.len);
			heal_vars_set(a->vars, "closer", closer);
			heal_vars_set(a->vars, "opener_line", "");
			{
				char num[32];

				snprintf(num, sizeof(num), "%zu", o);
				heal_vars_set(a->vars, "opener_line", num);
			}
			heal_buf_release(&b);
			return 1;
		}
	}
	heal_act_why(a, "every block in '%s' is closed at its indentation", f->rel);
	return 0;
}

/* Shell: add "; then" / "; do" to the opener that lacks it. */
int heal_act_add_keyword(struct heal_act *a, struct heal_error *err)
{
	const char *kw = heal_act_arg_raw(a, "keyword");
	char *pat = heal_act_arg(a, "opener");
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_regex re;
	size_t ls, ll, cols, k;
	int r = 0;

	if (!f || !pat || !heal_act_loc_line(a, f, &ls, &ll) ||
	    heal_regex_compile(&re, pat, 0, err) < 0) {
		free(pat);
		return 0;
	}
	cols = heal_act_indent_cols(f->data + ls, ll);
	for (k = (size_t)a->line - 1; k >= 1; k--) {
		size_t s2, l2, e, s3, l3, j;

		heal_source_line(f, k, &s2, &l2);
		if (heal_act_is_blank(f->data + s2, l2) || heal_act_indent_cols(f->data + s2, l2) > cols)
			continue;
		if (heal_regex_match(&re, f->data + s2, l2, 0) != 1)
			continue;
		e = heal_act_code_end(f->data + s2, l2,
				     heal_lang_line_comment(f->rel, "#"));
		if (ends_with_word(f->data + s2, e, kw) ||
		    memmem(f->data + s2, e, kw, strlen(kw)))
			break;
		for (j = k + 1; heal_source_line(f, j, &s3, &l3); j++)
			if (!heal_act_is_blank(f->data + s3, l3))
				break;
		if (j < (size_t)a->line &&
		    word_at(f->data + s3 + heal_act_indent_len(f->data + s3, l3),
			    l3 - heal_act_indent_len(f->data + s3, l3), kw))
			break;
		{
			struct heal_buf b;

			heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
			heal_buf_putf(&b, "; %s", kw);
			heal_act_emit(a, f, s2 + e, s2 + e, b.data, b.len);
			heal_buf_release(&b);
		}
		r = 1;
		break;
	}
	if (!r)
		heal_act_why(a, "no opener without '%s' above line %lld", kw, (long long)a->line);
	heal_regex_release(&re);
	free(pat);
	return r;
}

static void add_replacement(struct heal_act *a, struct heal_regex *re,
			    const char *tmpl, struct heal_buf *out)
{
	const char *t;

	for (t = tmpl; *t; t++) {
		if (t[0] == '\\' && t[1] >= '0' && t[1] <= '9') {
			const char *g;
			size_t gl;

			if (heal_regex_group(re, (uint32_t)(t[1] - '0'), &g, &gl))
				heal_buf_put(out, g, gl);
			t++;
		} else if (t[0] == '\\' && t[1] == '\\') {
			heal_buf_putc(out, '\\');
			t++;
		} else if (t[0] == '$' && t[1] == '$') {
			heal_buf_putc(out, '$');
			t++;
		} else if (t[0] == '$' && t[1] == '{') {
			const char *end = strchr(t, '}');
			char name[65];
			const char *v;

			if (end && (size_t)(end - t - 2) < sizeof(name)) {
				memcpy(name, t + 2, (size_t)(end - t - 2));
				name[end - t - 2] = '\0';
				v = heal_vars_get(a->vars, name);
				if (v)
					heal_buf_puts(out, v);
				t = end;
			} else {
				heal_buf_putc(out, *t);
			}
		} else {
			heal_buf_putc(out, *t);
		}
	}
}

/* Whether the error's line is the one after the file's last (the end of
 * the file), in the error's own file. */
static bool at_end(struct heal_act *a, const struct heal_source_file *f)
{
	return heal_act_at_location(a, f) && a->line >= 2 && (size_t)a->line == f->nlines + 1;
}

int heal_act_regex_replace(struct heal_act *a, struct heal_error *err)
{
	const char *scope = heal_act_arg_raw(a, "scope"), *rep = heal_act_arg_raw(a, "replace");
	bool all = heal_act_arg_bool(a, "all", false);
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_error e = HEAL_ERROR_INIT;
	struct heal_regex re;
	size_t from = 0, to, ls, ll, pos;
	char *pat;
	int n = 0;

	if (!f || !rep)
		return 0;
	{
		/* "^" and "$" are line anchors: the subject is the whole file */
		struct heal_buf pb;

		heal_buf_init(&pb, HEAL_BUF_UNBOUNDED);
		heal_buf_puts(&pb, "(?m)");
		/* at the location: the match starts at the error's column */
		if (scope && strcmp(scope, "location") == 0)
			heal_buf_puts(&pb, "\\G(?:");
		if (heal_tmpl_expand(a->vars, heal_act_arg_raw(a, "pattern"), true, &pb, &e) < 0) {
			heal_act_why(a, "pattern: %s", e.msg);
			heal_buf_release(&pb);
			return 0;
		}
		if (scope && strcmp(scope, "location") == 0)
			heal_buf_putc(&pb, ')');
		pat = heal_buf_detach(&pb, NULL);
	}
	to = f->len;
	if (scope && strcmp(scope, "location") == 0) {
		if (a->column < 1 || !heal_act_loc_line(a, f, &ls, &ll) ||
		    !heal_act_loc_offset(a, f, &from)) {
			heal_act_why(a, "no column to match at");
			free(pat);
			return 0;
		}
		to = ls + ll;
		all = false;
	}
	if (!scope || strcmp(scope, "line") == 0 || strcmp(scope, "before") == 0 ||
	    strcmp(scope, "through") == 0 || strcmp(scope, "after") == 0) {
		/* a shell's "unexpected EOF" names the line after the last:
		 * what is above it is the whole file */
		if (scope && scope[0] == 'b' && at_end(a, f)) {
			ls = f->len;
			ll = 0;
		} else if (!heal_act_loc_line(a, f, &ls, &ll)) {
			free(pat);
			return 0;
		}
		from = ls;
		to = ls + ll;
	}
	if (scope && strcmp(scope, "after") == 0) {
		/* the first match from the error's line on: the option of the
		 * task the error names, not a word of its name above it */
		to = f->len;
		all = false;
	}
	if (heal_regex_compile(&re, pat, 0, &e) < 0) {
		heal_act_why(a, "pattern: %s", e.msg);
		free(pat);
		return 0;
	}
	if (scope && (strcmp(scope, "before") == 0 || strcmp(scope, "through") == 0)) {
		/* the nearest match that starts above the error's line (or on
		 * it, through): the statement that encloses it (a loop header,
		 * a declaration) */
		size_t last = SIZE_MAX, limit = scope[0] == 't' ? ls + ll : ls;

		for (pos = 0; pos < limit && heal_regex_match(&re, f->data, f->len, pos) == 1;) {
			const char *g;
			size_t gl;

			heal_regex_group(&re, 0, &g, &gl);
			if ((size_t)(g - f->data) >= limit)
				break;
			last = (size_t)(g - f->data);
			pos = last + 1;
		}
		from = last;
		to = f->len;
		all = false;
		if (last == SIZE_MAX) {
			heal_act_why(a, "the pattern does not match above line %lld of '%s'",
			    (long long)a->line, f->rel);
			heal_regex_release(&re);
			free(pat);
			return 0;
		}
	}
	pos = from;
	while (pos <= to && n < ACT_MAX_OCCURRENCES &&
	       heal_regex_match(&re, f->data, to, pos) == 1) {
		const char *g;
		size_t gl, s;
		struct heal_buf out;

		heal_regex_group(&re, 0, &g, &gl);
		s = (size_t)(g - f->data);
		heal_buf_init(&out, HEAL_BUF_UNBOUNDED);
		add_replacement(a, &re, rep, &out);
		if (out.len != gl || memcmp(out.data ? out.data : "", g, gl) != 0) {
			heal_act_emit(a, f, s, s + gl, out.data ? out.data : "", out.len);
			n++;
		}
		heal_buf_release(&out);
		if (!all)
			break;
		pos = s + (gl ? gl : 1);
	}
	if (!n)
		heal_act_why(a, "the pattern does not match in '%s'", f->rel);
	heal_regex_release(&re);
	free(pat);
	return n > 0;
}

int heal_act_strip_cr(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	struct heal_buf b;
	size_t i;

	if (!f || !memmem(f->data, f->len, "\r\n", 2)) {
		heal_act_why(a, "the file has no CRLF line ends");
		return 0;
	}
	heal_buf_init(&b, f->len + 1);
	for (i = 0; i < f->len; i++)
		if (!(f->data[i] == '\r' && i + 1 < f->len && f->data[i + 1] == '\n'))
			heal_buf_putc(&b, f->data[i]);
	heal_cand_add_edit(a->fix, f->rel, 0, f->len, b.data, b.len, f->sha256);
	heal_buf_release(&b);
	return 1;
}
