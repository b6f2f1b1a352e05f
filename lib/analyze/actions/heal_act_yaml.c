/*
 * heal_act_yaml.c - YAML documents: a mapping written where a list is
 * wanted (list-item).  An Ansible playbook is a list of plays and a tasks
 * file a list of tasks; a beginner writes the play's keys alone
 * ("hosts: all" at the top), and ansible-playbook says "A playbook must be
 * a list of plays, got a <class '...AnsibleMapping'>".
 */
#include <string.h>

#include "heal_actions_int.h"
#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_source.h"

/* A line that starts or ends a document, a directive, or says nothing. */
static bool outside(const char *s, size_t n)
{
	size_t i = heal_act_indent_len(s, n);

	return i == n || s[i] == '#' || (i == 0 && n >= 3 && (!memcmp(s, "---", 3) ||
							   !memcmp(s, "...", 3))) ||
	       (i == 0 && s[0] == '%');
}

/* A document's end: "---" or "..." at the start of a line. */
static bool doc_end(const char *s, size_t n)
{
	return n >= 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3)) &&
	       (n == 3 || s[3] == ' ' || s[3] == '\t' || s[3] == '\r');
}

/*
 * The document's top-level mapping as the one item of a list: its first
 * key gets "- ", the lines after it two more blanks (none when the keys are
 * indented by two or more already: the first key's last two blanks become
 * "- ").  The document is the one the error's line is in, else the file's
 * first.
 */
int heal_act_list_item(struct heal_act *a, struct heal_error *err)
{
	const struct heal_source_file *f = heal_act_target(a);
	size_t k, first = 0, doc = 1, ls, ll, il, end, start;
	struct heal_buf b;

	(void)err;
	if (!f)
		return 0;
	/* the document the error's line is in: after the last "---" above */
	for (k = 1; a->line > 0 && k <= (size_t)a->line && heal_source_line(f, k, &ls, &ll); k++)
		if (doc_end(f->data + ls, ll))
			doc = k + 1;
	for (k = doc; heal_source_line(f, k, &ls, &ll); k++) {
		if (k > doc && doc_end(f->data + ls, ll))
			break;
		if (!outside(f->data + ls, ll)) {
			first = k;
			break;
		}
	}
	if (!first || !heal_source_line(f, first, &ls, &ll)) {
		heal_act_why(a, "no content to make a list item of");
		return 0;
	}
	il = heal_act_indent_len(f->data + ls, ll);
	if (memchr(f->data + ls, '\t', il)) {
		heal_act_why(a, "line %zu is indented with a tab", first);
		return 0;
	}
	if (f->data[ls + il] == '-' && (il + 1 == ll || f->data[ls + il + 1] == ' ')) {
		heal_act_why(a, "line %zu is a list item already", first);
		return 0;
	}
	if (!memchr(f->data + ls + il, ':', ll - il)) {
		heal_act_why(a, "line %zu is no mapping key", first);
		return 0;
	}
	if (il >= 2) {
		heal_act_emit(a, f, ls + il - 2, ls + il, "- ", 2);
		return 1;
	}
	/* the rest of the document, two blanks further in */
	start = ls;
	end = ls + ll;
	heal_buf_init(&b, HEAL_BUF_UNBOUNDED);
	heal_buf_put(&b, "- ", 2);
	heal_buf_put(&b, f->data + ls + il, ll - il);
	for (k = first + 1; heal_source_line(f, k, &ls, &ll); k++) {
		if (doc_end(f->data + ls, ll))
			break;
		heal_buf_putc(&b, '\n');
		if (!heal_act_is_blank(f->data + ls, ll))
			heal_buf_put(&b, "  ", 2);
		heal_buf_put(&b, f->data + ls, ll);
		end = ls + ll;
	}
	heal_act_emit(a, f, start, end, b.data, b.len);
	heal_buf_release(&b);
	return 1;
}
