/*
 * heal_llm.h - the optional LLM source of candidate fixes.
 *
 * Configured only by the environment: HEAL_LLM_URL (an OpenAI-compatible
 * chat-completions endpoint, e.g. http://127.0.0.1:11434/v1/chat/completions),
 * HEAL_LLM_MODEL, HEAL_LLM_API_KEY, and HEAL_LLM_TIMEOUT (seconds, total;
 * default 30).  Without HEAL_LLM_URL nothing here ever opens a network
 * connection.  Built without libcurl (HEAL_HAVE_CURL 0), a configured URL
 * is reported as unavailable.
 *
 * The request carries the error record and an excerpt of the source around
 * the error (secrets redacted by heal_redact, paths project-relative, the
 * home directory as ~; heal-analyze(1) THE LLM REQUEST), and asks for a
 * JSON object:
 *   {"root_cause": "...", "fixes": [{"description": "...",
 *     "edits": [{"file": "src/a.c", "start_line": 3, "end_line": 3,
 *                "replacement": "new text of those lines\n"}]}]}
 * Line ranges are inclusive and replace whole lines.  They are turned into
 * byte-range edits against the file as read now (with its SHA-256), and
 * checked like every other fix: inside the root, in range, not overlapping.
 * Anything else in the answer is ignored; an answer that is not such JSON
 * gives no candidates.
 */
#ifndef HEAL_LLM_H
#define HEAL_LLM_H

#include <stdbool.h>

#include "heal_buf.h"
#include "heal_cand.h"
#include "heal_error.h"
#include "heal_json.h"
#include "heal_source.h"

/* Confidence given to LLM fixes: below heal-fix's auto-apply threshold. */
#define HEAL_LLM_CONFIDENCE 0.6
#define HEAL_LLM_MAX_RESPONSE (1u << 20)
#define HEAL_LLM_CONNECT_TIMEOUT 5L
#define HEAL_LLM_TIMEOUT 30L
/* Lines of source sent on each side of the error line. */
#define HEAL_LLM_CONTEXT_LINES 20

struct heal_llm;

/*
 * A client configured from the environment, or NULL when HEAL_LLM_URL is
 * not set (err untouched) or the configuration is unusable (err set).
 * Owned by the caller (heal_llm_free).
 */
struct heal_llm *heal_llm_from_env(struct heal_error *err);
void heal_llm_free(struct heal_llm *l);

/*
 * Ask for fixes for rec (its file, when readable, is root-relative
 * file_rel) and add them to out with source "llm".  A failed request (time
 * out, HTTP error, garbage) is -1 with err set; out is then unchanged.
 */
int heal_llm_suggest(struct heal_llm *l, struct heal_sources *src,
		     const struct heal_json *rec, const char *file_rel,
		     struct heal_cands *out, struct heal_error *err);

/*
 * Turn an answer's content (the JSON text the model wrote, possibly inside
 * a ``` fence) into candidates.  Returns how many were added.
 */
int heal_llm_parse_answer(struct heal_sources *src, const char *content,
			  size_t len, struct heal_cands *out);

#endif
