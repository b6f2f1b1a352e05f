#include <stdlib.h>
#include <string.h>

#include "heal_stats.h"
#include "tap.h"

static void add(struct heal_stats *s, const char *json)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *v = heal_json_parse(json, strlen(json), NULL, &err);

	if (!v) {
		printf("# %s\n", err.msg);
		abort();
	}
	heal_stats_add(s, v);
	heal_json_free(v);
}

static struct heal_buf jb;

static const char *json(const struct heal_stats *s)
{
	heal_buf_release(&jb);
	heal_buf_init(&jb, 1 << 20);
	heal_stats_write_json(s, &jb, NULL);
	return heal_buf_str(&jb);
}

int main(void)
{
	struct heal_stats *s = heal_stats_new();
	struct heal_buf b;
	double score;

	is_int(heal_stats_health(s, &score), HEAL_HEALTH_EXCELLENT,
	       "no runs: excellent");
	ok(score == 1.0, "no runs: score 1");

	add(s, "{\"event\":\"error_detected\",\"incident\":\"a\",\"run\":\"1\","
	       "\"severity\":\"warning\"}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_GOOD,
	       "one open warning (weight 0.3): good");
	ok(score == 0.769, "score 1/1.3 = 0.769");
	add(s, "{\"event\":\"error_detected\",\"incident\":\"b\",\"run\":\"1\","
	       "\"severity\":\"error\"}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_WARNING,
	       "plus an error of 5: warning");
	ok(score == 0.556, "score 1/1.8 = 0.556");
	add(s, "{\"event\":\"fix_validated\",\"incident\":\"b\",\"run\":\"1\","
	       "\"from\":\"validation\",\"rule\":\"R\"}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_GOOD,
	       "a validated fix closes the incident and keeps its severity");
	ok(heal_stats_has_learning(s), "a validated fix with a rule is learning");
	add(s, "{\"event\":\"error_detected\",\"incident\":\"c\",\"run\":\"2\","
	       "\"analysis_severity\":10}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_CRITICAL,
	       "a new run with one severity-10 issue: critical");
	ok(score == 0.333, "score 1/3 = 0.333");
	add(s, "{\"event\":\"fix_applied\",\"incident\":\"c\",\"run\":\"2\","
	       "\"analysis_severity\":null}");
	is_int(heal_stats_health(s, NULL), HEAL_HEALTH_CRITICAL,
	       "a later event without severity keeps the known one");
	add(s, "{\"event\":\"error_detected\",\"incident\":\"d\",\"run\":\"2\","
	       "\"analysis_severity\":1}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_CRITICAL,
	       "critical with score 1/3.1");
	add(s, "{\"event\":\"error_detected\",\"incident\":\"e\",\"run\":\"2\","
	       "\"analysis_severity\":3}");
	is_int(heal_stats_health(s, &score), HEAL_HEALTH_FAILING,
	       "under 0.3: failing, worse than critical");
	is_str(heal_health_name(HEAL_HEALTH_FAILING), "failing", "names");

	contains(json(s), "\"total_incidents\":5,", "five incidents");
	contains(json(s), "\"fixes_applied\":2,\"fixes_succeeded\":1,",
		 "a validation counts as an applied fix");
	add(s, "{\"event\":\"fix_validated\",\"incident\":\"b\",\"run\":\"1\","
	       "\"from\":\"validation\",\"rule\":\"R\"}");
	contains(json(s), "\"fixes_applied\":2,\"fixes_succeeded\":2,",
		 "the same attempt validated twice is applied once");
	add(s, "[1]");
	add(s, "{\"incident\":\"x\"}");
	contains(json(s), "\"events\":8,", "events without a name are ignored");

	heal_buf_init(&b, 1 << 20);
	ok(heal_stats_write_health_text(s, 1, &b, NULL) == 0, "health text");
	contains(heal_buf_str(&b), "trend: none over 1 run\n", "one run: no trend");
	heal_buf_release(&b);
	heal_stats_free(s);
	heal_stats_free(NULL);
	heal_buf_release(&jb);
	return tap_done();
}
