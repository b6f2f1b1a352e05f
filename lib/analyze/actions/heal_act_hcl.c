/*
 * heal_act_hcl.c - HCL (Terraform, Packer, Nomad) blocks: a block written
 * twice where one is allowed (merge-block).  Provider documentation gives
 * each provider's snippet its own terraform { required_providers { ... } },
 * and pasting two of them gives "Duplicate required providers
 * configuration"; two lifecycle blocks in one resource give "Duplicate
 * lifecycle block".  Terraform names the first one's place in the detail
 * ("previously configured at main.tf:2,3-21").  A required_providers or a
 * backend block written at the top level belongs in a terraform block
 * (wrap-block).
 */
#include <stdlib.h>
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_source.h"

/* Whether line k of f opens a block: its last byte but blanks is '{'. */
static bool opens(const struct heal_source_file *f, size_t k, size_t *brace)
{
	size_t ls, ll;

	if (!heal_source_line(f, k, &ls, &ll))
		return false;
	while (ll > 0 && (f->data[ls + ll - 1] == ' ' || f->data[ls + ll - 1] == '\t' ||
			  f->data[ls + ll - 1] == '\r'))
		ll--;
	if (ll == 0 || f->data[ls + ll - 1] != '{')
		return false;
	*brace = ls + ll - 1;
	return true;
}

/* The heredoc marker after "<<" or "<<-" at p (its length), or 0. */
static size_t heredoc_marker(const char *p, const char *end, const char **m)
{
	size_t n = 0;

	if (end - p < 3 || p[0] != '<' || p[1] != '<')
		return 0;
	p += 2;
	if (p < end && *p == '-')
		p++;
	*m = p;
	while (p + n < end && heal_act_is_word((unsigned char)p[n]))
		n++;
	return n;
}

/*
 * The line of the '}' that closes the brace at offset open, when it stands
 * first on its line and nothing but blanks or a comment follows it; 0
 * else.  Strings, comments and heredocs are skipped.
 */
static size_t block_end(const struct heal_source_file *f, size_t open)
{
	const char *d = f->data, *end = f->data + f->len, *p = d + open + 1;
	unsigned depth = 1;

	while (p < end) {
		const char *m;
		size_t mn;

		if (*p == '"') {
			for (p++; p < end && *p != '"' && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			if (p >= end || *p == '\n')
				return 0;
			p++;
		} else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/')) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *c = memmem(p + 2, (size_t)(end - p - 2), "*/", 2);

			if (!c)
				return 0;
			p = c + 2;
		} else if ((mn = heredoc_marker(p, end, &m)) > 0) {
			/* to the line that is the marker alone */
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			while (nl) {
				const char *l = nl + 1, *e = memchr(l, '\n', (size_t)(end - l));
				size_t n = e ? (size_t)(e - l) : (size_t)(end - l), i;

				i = heal_act_indent_len(l, n);
				while (n > i && (l[n - 1] == '\r' || l[n - 1] == ' '))
					n--;
				if (n - i == mn && memcmp(l + i, m, mn) == 0) {
					p = l + n;
					break;
				}
				nl = e;
			}
			if (!nl)
				return 0;
		} else if (*p == '{') {
			depth++;
			p++;
		} else if (*p == '}') {
			if (--depth == 0)
				break;
			p++;
		} else {
			p++;
		}
	}
	if (p >= end)
		return 0;
	{
		size_t off = (size_t)(p - d), k, ls, ll;

		k = heal_source_line_of(f, off);
		if (!k || !heal_source_line(f, k, &ls, &ll) ||
		    heal_act_indent_len(d + ls, ll) != off - ls)
			return 0;
		for (p++; p < d + ls + ll && (*p == ' ' || *p == '\t' || *p == '\r'); p++)
			;
		if (p < d + ls + ll && *p != '#' && !(*p == '/' && p + 1 < d + ls + ll && p[1] == '/'))
			return 0;
		return k;
	}
}

/* Line k of f moved by delta columns of blanks (spaces only), into b. */
static bool put_shifted(struct heal_buf *b, const struct heal_source_file *f,
			size_t k, long delta)
{
	size_t ls, ll, il;

	heal_source_line(f, k, &ls, &ll);
	if (ll > 0 && f->data[ls + ll - 1] == '\r')
		ll--;
	if (heal_act_is_blank(f->data + ls, ll)) {
		heal_buf_putc(b, '\n');
		return true;
	}
	il = heal_act_indent_len(f->data + ls, ll);
	if (delta != 0 && memchr(f->data + ls, '\t', il))
		return false;
	if (delta < 0 && (long)il < -delta)
		return false;
	for (long i = 0; i < delta; i++)
		heal_buf_putc(b, ' ');
	heal_buf_put(b, f->data + ls + (delta < 0 ? (size_t)-delta : 0),
		     ll - (delta < 0 ? (size_t)-delta : 0));
	heal_buf_putc(b, '\n');
	return true;
}

/*
 * merge-block {line, into}: the block that opens on the error's line goes
 * into the one that opens on line _line_ of _into_ (default the error's
 * file): its body lines, indented as that block's, before that block's
 * closing '}', and the block itself away.
 */
int heal_act_merge_block(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a), *g = f;
	char *into = heal_act_arg(a, "into"), *lstr = heal_act_arg(a, "line");
	size_t dopen, gopen, dend, gend, gline, ls, ll, gs, gl, k;
	long delta;
	struct heal_buf b;
	int r = 0;

	(void)err;
	if (!f || !lstr || a->line <= 0)
		goto out;
	gline = (size_t)strtoul(lstr, NULL, 10);
	if (into && *into) {
		char *rel = heal_act_project_path(a, into);

		g = rel ? heal_act_file(a, rel) : NULL;
		free(rel);
		if (!g)
			goto out;
	}
	if (!opens(f, (size_t)a->line, &dopen) || !opens(g, gline, &gopen)) {
		heal_act_why(a, "line %lld or line %zu opens no block", (long long)a->line, gline);
		goto out;
	}
	dend = block_end(f, dopen);
	gend = block_end(g, gopen);
	if (!dend || !gend) {
		heal_act_why(a, "a block's closing brace is not alone on its line");
		goto out;
	}
	if (f == g && !(gend < (size_t)a->line || gline > dend)) {
		heal_act_why(a, "the blocks overlap");
		goto out;
	}
	heal_source_line(f, (size_t)a->line, &ls, &ll);
	heal_source_line(g, gline, &gs, &gl);
	delta = (long)heal_act_indent_cols(g->data + gs, gl) -
		(long)heal_act_indent_cols(f->data + ls, ll);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	for (k = (size_t)a->line + 1; k < dend; k++)
		if (!put_shifted(&b, f, k, delta)) {
			heal_act_why(a, "line %zu is indented with a tab", k);
			heal_buf_release(&b);
			goto out;
		}
	if (b.len) {
		heal_source_line(g, gend, &gs, &gl);
		heal_act_emit(a, g, gs, gs, b.data, b.len);
	}
	heal_buf_release(&b);
	{
		size_t es, el;

		heal_source_line(f, dend, &es, &el);
		heal_act_emit(a, f, ls, es + el + heal_source_eol_len(f, dend), "", 0);
	}
	r = 1;
out:
	free(into);
	free(lstr);
	return r;
}

/*
 * wrap-block {name}: the block that opens on the error's line, nested in
 * a new block _name_ at its place, its lines two blanks further in (a
 * required_providers or backend block written at the top level is the
 * terraform block's).
 */
int heal_act_wrap_block(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	char *name = heal_act_arg(a, "name");
	size_t open, end, k, ls, ll, il, es, el;
	struct heal_buf b;
	int r = 0;

	(void)err;
	if (!f || !name || !*name || a->line <= 0)
		goto out;
	if (!opens(f, (size_t)a->line, &open) || !(end = block_end(f, open))) {
		heal_act_why(a, "line %lld opens no block that ends in a brace alone on its line",
			     (long long)a->line);
		goto out;
	}
	heal_source_line(f, (size_t)a->line, &ls, &ll);
	il = heal_act_indent_len(f->data + ls, ll);
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_put(&b, f->data + ls, il);
	heal_buf_putf(&b, "%s {\n", name);
	for (k = (size_t)a->line; k <= end; k++)
		if (!put_shifted(&b, f, k, 2)) {
			heal_act_why(a, "line %zu is indented with a tab", k);
			heal_buf_release(&b);
			goto out;
		}
	heal_buf_put(&b, f->data + ls, il);
	heal_buf_puts(&b, "}");
	heal_source_line(f, end, &es, &el);
	if (el > 0 && f->data[es + el - 1] == '\r')
		el--;
	heal_act_emit(a, f, ls, es + el, b.data, b.len);
	heal_buf_release(&b);
	r = 1;
out:
	free(name);
	return r;
}

/*
 * string-list: the string that is the whole value on the error's line
 * ("a, b" for a list of strings) as a list of its items, split at its
 * commas, else its semicolons, each trimmed; a string without either is
 * a list of one.  Not a template (${, %{) or a string with escapes.
 */
int heal_act_string_list(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	const char *s, *q0, *q1, *p, *e;
	size_t ls, ll;
	char sep;
	struct heal_buf b;

	(void)err;
	if (!f || !heal_act_loc_line(a, f, &ls, &ll))
		return 0;
	s = f->data + ls;
	e = s + ll;
	if (e > s && e[-1] == '\r')
		e--;
	if (!(p = memchr(s, '=', (size_t)(e - s))))
		goto none;
	for (p++; p < e && (*p == ' ' || *p == '\t'); p++)
		;
	if (p >= e || *p != '"')
		goto none;
	q0 = p;
	for (q1 = q0 + 1; q1 < e && *q1 != '"'; q1++)
		if (*q1 == '\\' || ((*q1 == '$' || *q1 == '%') && q1 + 1 < e && q1[1] == '{'))
			goto none;
	if (q1 >= e)
		goto none;
	for (p = q1 + 1; p < e && (*p == ' ' || *p == '\t'); p++)
		;
	if (p < e && *p != '#' && !(*p == '/' && p + 1 < e && p[1] == '/'))
		goto none;
	sep = memchr(q0 + 1, ',', (size_t)(q1 - q0 - 1)) ? ',' :
	      memchr(q0 + 1, ';', (size_t)(q1 - q0 - 1)) ? ';' : '\0';
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_putc(&b, '[');
	for (p = q0 + 1; p <= q1;) {
		const char *ie = sep ? memchr(p, sep, (size_t)(q1 - p)) : NULL, *is = p;

		if (!ie)
			ie = q1;
		while (is < ie && (*is == ' ' || *is == '\t'))
			is++;
		while (ie > is && (ie[-1] == ' ' || ie[-1] == '\t'))
			ie--;
		if (ie > is || !sep) {
			if (b.len > 1)
				heal_buf_puts(&b, ", ");
			heal_buf_putc(&b, '"');
			heal_buf_put(&b, is, (size_t)(ie - is));
			heal_buf_putc(&b, '"');
		}
		p = sep ? (const char *)memchr(p, sep, (size_t)(q1 - p)) : NULL;
		p = p ? p + 1 : q1 + 1;
	}
	heal_buf_putc(&b, ']');
	heal_act_emit(a, f, (size_t)(q0 - f->data), (size_t)(q1 + 1 - f->data), b.data, b.len);
	heal_buf_release(&b);
	return 1;
none:
	heal_act_why(a, "the line's value is no plain string");
	return 0;
}
