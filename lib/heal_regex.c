#include <string.h>

#include "heal_regex.h"
#include "heal_banned.h"

static pcre2_match_context *match_ctx(void)
{
	static pcre2_match_context *ctx;
	static pcre2_jit_stack *stack;

	if (!ctx) {
		ctx = pcre2_match_context_create(NULL);
		if (!ctx)
			return NULL;
		pcre2_set_match_limit(ctx, HEAL_REGEX_MATCH_LIMIT);
		pcre2_set_depth_limit(ctx, HEAL_REGEX_DEPTH_LIMIT);
		stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		if (stack)
			pcre2_jit_stack_assign(ctx, NULL, stack);
	}
	return ctx;
}

int heal_regex_compile(struct heal_regex *re, const char *pattern,
		       unsigned flags, struct heal_error *err)
{
	uint32_t opts = 0;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int code;

	memset(re, 0, sizeof(*re));
	if (flags & HEAL_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & HEAL_RE_ANCHORED)
		opts |= PCRE2_ANCHORED;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				 opts, &code, &off, NULL);
	if (!re->code) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "bad regular expression at offset %zu: %s",
				      (size_t)off, (const char *)msg);
	}
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->ngroups);
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!re->md || !match_ctx()) {
		heal_regex_release(re);
		return heal_error_set(err, HEAL_ERR_NOMEM, "out of memory");
	}
	return 0;
}

void heal_regex_release(struct heal_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	re->md = NULL;
	re->code = NULL;
}

int heal_regex_match(struct heal_regex *re, const char *subject, size_t len,
		     size_t start)
{
	int rc;

	if (start > len)
		return 0;
	if (!re->jit_tried && ++re->matches >= HEAL_REGEX_JIT_AFTER) {
		re->jit_tried = true;
		re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
	}
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, 0, re->md,
			 match_ctx());
	if (rc > 0) {
		re->subject = subject;
		return 1;
	}
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_JIT_STACKLIMIT)
		re->limit_hits++;
	return 0;
}

bool heal_regex_group(const struct heal_regex *re, uint32_t i,
		      const char **start, size_t *len)
{
	PCRE2_SIZE *ov;

	if (i > re->ngroups || !re->subject)
		return false;
	if (i >= pcre2_get_ovector_count(re->md))
		return false;
	ov = pcre2_get_ovector_pointer(re->md);
	if (ov[2 * i] == PCRE2_UNSET)
		return false;
	*start = re->subject + ov[2 * i];
	*len = ov[2 * i + 1] - ov[2 * i];
	return true;
}

int heal_regex_group_number(const struct heal_regex *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);

	return n < 0 ? -1 : n;
}

uint32_t heal_regex_name_count(const struct heal_regex *re)
{
	uint32_t n = 0;

	if (!re->code || pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &n) != 0)
		return 0;
	return n;
}

const char *heal_regex_name(const struct heal_regex *re, uint32_t i,
			    uint32_t *group)
{
	PCRE2_SPTR table;
	uint32_t size;
	const unsigned char *e;

	if (i >= heal_regex_name_count(re) ||
	    pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0 ||
	    pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table) != 0)
		return NULL;
	/* each entry: the group number in two bytes, most significant first,
	 * then the name, NUL-terminated, padded to the entry size */
	e = (const unsigned char *)table + (size_t)i * size;
	if (group)
		*group = (uint32_t)e[0] << 8 | e[1];
	return (const char *)e + 2;
}
