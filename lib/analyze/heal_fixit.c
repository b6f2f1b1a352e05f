#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_buf.h"
#include "heal_fixit.h"
#include "heal_text.h"

/* Longest line a fix-it may point into. */
#define FIXIT_MAX_TEXT (1u << 20)

void heal_fixit_release(struct heal_fixit *f)
{
	if (!f)
		return;
	free(f->file);
	free(f->text);
	memset(f, 0, sizeof(*f));
}

int heal_unit_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "byte") == 0)
		return HEAL_UNIT_BYTE;
	if (strcmp(s, "char") == 0)
		return HEAL_UNIT_CHAR;
	if (strcmp(s, "display") == 0)
		return HEAL_UNIT_DISPLAY;
	return -1;
}

const char *heal_unit_name(enum heal_unit u)
{
	switch (u) {
	case HEAL_UNIT_BYTE: return "byte";
	case HEAL_UNIT_CHAR: return "char";
	case HEAL_UNIT_DISPLAY: return "display";
	}
	return "byte";
}

/* A quoted C string at s[*i] (the opening quote); unescaped into out. */
static int c_string(const char *s, size_t len, size_t *i, struct heal_buf *out)
{
	size_t p = *i;

	if (p >= len || s[p] != '"')
		return -1;
	for (p++; p < len && s[p] != '"'; p++) {
		char c = s[p];

		if (c == '\\') {
			if (++p >= len)
				return -1;
			c = s[p];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case '\\': case '"': case '\'': case '?': break;
			default:
				if (c >= '0' && c <= '7') {
					unsigned v = 0;
					int k;

					for (k = 0; k < 3 && p < len &&
					     s[p] >= '0' && s[p] <= '7'; k++, p++)
						v = v * 8 + (unsigned)(s[p] - '0');
					p--;
					c = (char)(v & 0xff);
				} else {
					return -1;
				}
			}
		}
		if (heal_buf_addc(out, c, NULL) < 0)
			return -1;
	}
	if (p >= len)
		return -1;
	*i = p + 1;
	return 0;
}

static int number(const char *s, size_t len, size_t *i, int64_t *out)
{
	int64_t v = 0;
	size_t p = *i;

	if (p >= len || s[p] < '0' || s[p] > '9')
		return -1;
	for (; p < len && s[p] >= '0' && s[p] <= '9'; p++) {
		if (v > 100000000)
			return -1;
		v = v * 10 + (s[p] - '0');
	}
	*i = p;
	*out = v;
	return 0;
}

static int expect(const char *s, size_t len, size_t *i, char c)
{
	if (*i >= len || s[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

int heal_fixit_parse_parseable(struct heal_fixit *f, const char *line,
			       size_t len, struct heal_error *err)
{
	struct heal_buf file, text;
	size_t i = 7;

	memset(f, 0, sizeof(*f));
	heal_buf_init(&file, 4096);
	heal_buf_init(&text, FIXIT_MAX_TEXT);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (!heal_text_starts_with(line, len, "fix-it:") ||
	    c_string(line, len, &i, &file) < 0 ||
	    expect(line, len, &i, ':') < 0 || expect(line, len, &i, '{') < 0 ||
	    number(line, len, &i, &f->line) < 0 ||
	    expect(line, len, &i, ':') < 0 ||
	    number(line, len, &i, &f->column) < 0 ||
	    expect(line, len, &i, '-') < 0 ||
	    number(line, len, &i, &f->end_line) < 0 ||
	    expect(line, len, &i, ':') < 0 ||
	    number(line, len, &i, &f->end_column) < 0 ||
	    expect(line, len, &i, '}') < 0 || expect(line, len, &i, ':') < 0 ||
	    c_string(line, len, &i, &text) < 0 || i != len ||
	    f->line < 1 || f->column < 1 || f->end_line < f->line ||
	    f->end_column < 1 || file.len == 0 ||
	    /* a NUL ("\0" or raw) would cut the name short: another file */
	    memchr(file.data, '\0', file.len)) {
		heal_buf_release(&file);
		heal_buf_release(&text);
		memset(f, 0, sizeof(*f));
		return heal_error_set(err, HEAL_ERR_INPUT, "not a parseable fix-it line");
	}
	f->file = heal_buf_detach(&file, NULL);
	f->text = heal_buf_detach(&text, &f->text_len);
	f->unit = HEAL_UNIT_BYTE;
	return 0;
}

static int get_pos(const struct heal_json *o, const char *col_key,
		   int64_t *line, int64_t *col)
{
	if (!o || o->type != HEAL_JSON_OBJECT)
		return -1;
	if (heal_json_object_get_int(o, "line", 1, INT32_MAX, line) != 1 ||
	    heal_json_object_get_int(o, col_key, 1, INT32_MAX, col) != 1)
		return -1;
	return 0;
}

static void set_text(struct heal_fixit *f, const struct heal_json *s)
{
	f->text = heal_memdup(s->u.str.s, s->u.str.len + 1);
	f->text_len = s->u.str.len;
}

int heal_fixit_from_gcc_json(struct heal_fixit *f, const struct heal_json *obj,
			     struct heal_error *err)
{
	const struct heal_json *start = heal_json_object_get(obj, "start");
	const struct heal_json *next = heal_json_object_get(obj, "next");
	const struct heal_json *str = heal_json_object_get(obj, "string");
	const char *file = heal_json_object_get_str(start, "file");

	memset(f, 0, sizeof(*f));
	if (get_pos(start, "byte-column", &f->line, &f->column) < 0 ||
	    get_pos(next, "byte-column", &f->end_line, &f->end_column) < 0 ||
	    !str || str->type != HEAL_JSON_STRING || !file || !*file)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "gcc fix-it needs start, next and string");
	f->file = heal_strdup(file);
	set_text(f, str);
	f->unit = HEAL_UNIT_BYTE;
	return 0;
}

int heal_fixit_from_shellcheck(struct heal_fixit *f, const char *file,
			       const struct heal_json *rep,
			       struct heal_error *err)
{
	const struct heal_json *str = heal_json_object_get(rep, "replacement");

	memset(f, 0, sizeof(*f));
	if (get_pos(rep, "column", &f->line, &f->column) < 0 ||
	    heal_json_object_get_int(rep, "endLine", 1, INT32_MAX,
				     &f->end_line) != 1 ||
	    heal_json_object_get_int(rep, "endColumn", 1, INT32_MAX,
				     &f->end_column) != 1 ||
	    !str || str->type != HEAL_JSON_STRING || !file || !*file)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "shellcheck replacement needs line, column, endLine, endColumn and replacement");
	f->file = heal_strdup(file);
	set_text(f, str);
	f->unit = HEAL_UNIT_CHAR;
	return 0;
}

int heal_fixit_from_record(struct heal_fixit *f, const struct heal_json *obj,
			   const char *dflt_file, struct heal_error *err)
{
	const struct heal_json *str = heal_json_object_get(obj, "text");
	const char *file = heal_json_object_get_str(obj, "file");
	const char *unit = heal_json_object_get_str(obj, "unit");
	int u = unit ? heal_unit_parse(unit) : HEAL_UNIT_BYTE;
	int r;

	memset(f, 0, sizeof(*f));
	if (!file)
		file = dflt_file;
	if (!obj || obj->type != HEAL_JSON_OBJECT || !file || !*file ||
	    !str || str->type != HEAL_JSON_STRING || u < 0 ||
	    get_pos(obj, "column", &f->line, &f->column) < 0)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "fix-it needs file, line, column, text and a known unit");
	r = heal_json_object_get_int(obj, "end_line", 1, INT32_MAX, &f->end_line);
	if (r == 0)
		f->end_line = f->line;
	if (r < 0 || f->end_line < f->line)
		return heal_error_set(err, HEAL_ERR_INPUT, "fix-it has a bad end_line");
	r = heal_json_object_get_int(obj, "end_column", 1, INT32_MAX,
				     &f->end_column);
	if (r == 0)
		f->end_column = f->end_line == f->line ? f->column : 1;
	if (r < 0)
		return heal_error_set(err, HEAL_ERR_INPUT, "fix-it has a bad end_column");
	f->file = heal_strdup(file);
	set_text(f, str);
	f->unit = (enum heal_unit)u;
	return 0;
}

int heal_fixit_offset(const char *data, size_t len, int64_t line,
		      int64_t column, enum heal_unit unit, size_t *off,
		      struct heal_error *err)
{
	size_t start = 0, end, col, n;
	int64_t l;

	if (line < 1 || column < 1)
		return heal_error_set(err, HEAL_ERR_INPUT, "position %lld:%lld is not 1-based",
				      (long long)line, (long long)column);
	for (l = 1; l < line; l++) {
		const char *nl = memchr(data + start, '\n', len - start);

		if (!nl)
			return heal_error_set(err, HEAL_ERR_INPUT,
					      "line %lld is past the end of the file",
					      (long long)line);
		start = (size_t)(nl - data) + 1;
	}
	if (start == len && column == 1) {
		*off = len;
		return 0;
	}
	end = start;
	while (end < len && data[end] != '\n')
		end++;
	if (end > start && data[end - 1] == '\r')
		end--;
	n = end - start;
	switch (unit) {
	case HEAL_UNIT_DISPLAY:
		col = heal_text_display_to_byte(data + start, n, (size_t)column,
						HEAL_TEXT_TABSTOP);
		break;
	case HEAL_UNIT_CHAR:
		col = heal_text_char_to_byte(data + start, n, (size_t)column);
		break;
	default:
		col = (size_t)column;
		break;
	}
	if (col > n + 1)
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "column %lld is past the end of line %lld",
				      (long long)column, (long long)line);
	*off = start + col - 1;
	return 0;
}

int heal_fixit_resolve(const struct heal_fixit *f, const char *data,
		       size_t len, size_t *start, size_t *end,
		       struct heal_error *err)
{
	if (heal_fixit_offset(data, len, f->line, f->column, f->unit, start,
			      err) < 0 ||
	    heal_fixit_offset(data, len, f->end_line, f->end_column, f->unit,
			      end, err) < 0)
		return -1;
	if (*end < *start)
		return heal_error_set(err, HEAL_ERR_INPUT, "fix-it ends before it starts");
	return 0;
}
