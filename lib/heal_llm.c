#include <stdlib.h>

#include "heal_llm.h"
#include "heal_banned.h"

struct heal_llm {
	int unused;
};

struct heal_llm *heal_llm_from_env(struct heal_error *err)
{
	return NULL;
}

void heal_llm_free(struct heal_llm *l)
{
	free(l);
}

int heal_llm_suggest(struct heal_llm *l, struct heal_sources *src,
		     const struct heal_json *rec, const char *file_rel,
		     struct heal_cands *out, struct heal_error *err)
{
	return heal_error_set(err, HEAL_ERR_INTERNAL, "not built");
}

int heal_llm_parse_answer(struct heal_sources *src, const char *content,
			  size_t len, struct heal_cands *out)
{
	return 0;
}
