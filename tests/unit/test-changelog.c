#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_changelog.h"
#include "heal_record.h"
#include "tap.h"

static char dir[] = "/tmp/heal-test-changelog-XXXXXX";
static char path[64];

static struct heal_json *parse(const char *s)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *v = heal_json_parse(s, strlen(s), NULL, &err);

	if (!v) {
		printf("# parse: %s\n", err.msg);
		abort();
	}
	return v;
}

static int count(void *ctx, const struct heal_json *ev, struct heal_error *err)
{
	(*(int *)ctx)++;
	(void)ev;
	(void)err;
	return 0;
}

static char *slurp(void)
{
	static char buf[8192];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static const char *event_name(const struct heal_json *arr, size_t i)
{
	return heal_json_object_get_str(arr->u.arr.v[i], "event");
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_changelog cl;
	struct heal_json *rec, *ev;
	char t[21];
	time_t when;
	char *run;
	size_t skipped;
	int n;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/log", dir);

	heal_changelog_time(0, t);
	is_str(t, "1970-01-01T00:00:00Z", "time: the epoch");
	ok(heal_changelog_parse_time("2026-11-22T13:09:00Z", &when) == 0 &&
	   when == 1795352940, "parse a UTC time");
	ok(heal_changelog_parse_time("2026-11-22T14:09:00.25+01:00", &when) == 0 &&
	   when == 1795352940, "parse a fraction and an offset");
	heal_changelog_time(when, t);
	is_str(t, "2026-11-22T13:09:00Z", "format round-trips");
	ok(heal_changelog_parse_time("2026-13-22T13:09:00Z", &when) < 0,
	   "month 13 refused");
	ok(heal_changelog_parse_time("2026-11-22T13:09:00", &when) < 0,
	   "no zone refused");
	ok(heal_changelog_parse_time("2026-11-22T13:09:00Zjunk", &when) < 0,
	   "trailing text refused");

	run = heal_changelog_run_id("r-1", 0, &err);
	is_str(run, "r-1", "a given run id is kept");
	free(run);
	ok(heal_changelog_run_id("a\nb", 0, &err) == NULL &&
	   err.code == HEAL_ERR_USAGE, "a run id with a newline is refused");
	unsetenv("HEAL_RUN");
	run = heal_changelog_run_id(NULL, 0, &err);
	ok(run && strncmp(run, "19700101T000000Z-", 17) == 0,
	   "a made run id starts with the time");
	free(run);

	ev = heal_json_new_array();
	rec = parse("{\"v\":1,\"kind\":\"error\",\"id\":\"ab\",\"tool\":\"gcc\","
		    "\"message\":\"m\",\"fixes\":[]}");
	is_int(heal_changelog_events(rec, "r", 0, ev, NULL), 1,
	       "an error without analysis or fixes: one event");
	is_str(event_name(ev, 0), "error_detected", "it is error_detected");
	heal_json_free(rec);
	rec = parse("{\"v\":1,\"kind\":\"validation\",\"error_id\":\"ab\","
		    "\"status\":\"failed\",\"rolled_back\":true,\"healed\":false}");
	is_int(heal_changelog_events(rec, "r", 0, ev, NULL), 2,
	       "a failed, rolled-back validation without its fix: two events");
	is_str(event_name(ev, 1), "fix_failed", "fix_failed");
	is_str(event_name(ev, 2), "rollback_performed", "rollback_performed");
	is_str(heal_json_object_get_str(ev->u.arr.v[2], "incident"), "ab",
	       "the incident is the error id");
	{
		struct heal_strmap seen;
		struct heal_json *ev2 = heal_json_new_array();
		struct heal_json *fx = parse("{\"v\":1,\"kind\":\"fix\",\"error_id\":\"cd\","
			"\"status\":\"applied\",\"error\":{\"v\":1,\"kind\":\"error\","
			"\"id\":\"cd\",\"tool\":\"gcc\",\"message\":\"m\"}}");

		heal_strmap_init(&seen);
		is_int(heal_changelog_events(fx, "r", 0, ev2, &seen), 2,
		       "a fix record whose error was not logged: error_detected, then fix_applied");
		is_str(event_name(ev2, 0), "error_detected", "the embedded error is logged first");
		is_str(event_name(ev2, 1), "fix_applied", "then the fix");
		is_int(heal_changelog_events(fx, "r", 0, ev2, &seen), 1,
		       "the same error again: only the fix event");
		heal_json_free(fx);
		heal_json_free(ev2);
		heal_strmap_release(&seen);
	}
	heal_json_free(rec);

	ok(heal_changelog_open(&cl, NULL, path, NULL, HEAL_CHANGELOG_READ, &err) == 0 &&
	   cl.fd < 0, "reading a missing changelog: empty, not an error");
	n = 0;
	ok(heal_changelog_read(&cl, count, &n, &skipped, &err) == 0 && n == 0,
	   "no events in a missing changelog");
	heal_changelog_close(&cl);

	ok(heal_changelog_open(&cl, NULL, path, NULL, HEAL_CHANGELOG_APPEND, &err) == 0,
	   "open for appending");
	ok(heal_changelog_append(&cl, "{\"v\":1,\"kind\":\"event\",\"event\":\"x\"}\n{\"v\":1,\"ki",
				 45, &err) == 0, "append a line and a torn one");
	ok(heal_changelog_append_events(&cl, ev, &err) == 0, "append events");
	ok(strstr(slurp(), "{\"v\":1,\"ki\n{\"v\":1,\"kind\":\"event\",\"event\":\"error_detected\"") != NULL,
	   "the torn line was ended before the next append");
	ok(heal_changelog_lock(&cl, true, &err) == 0 &&
	   heal_changelog_lock(&cl, true, &err) == 0 && cl.locked == 2,
	   "locks nest");
	ok(heal_changelog_append(&cl, "not json\n", 9, &err) == 0 && cl.locked == 2,
	   "an append under a held lock keeps it");
	n = 0;
	ok(heal_changelog_read(&cl, count, &n, &skipped, &err) == 0,
	   "read under a held lock");
	is_int(n, 4, "four events read");
	is_int(skipped, 2, "the torn line and the bad one skipped");
	heal_changelog_unlock(&cl);
	heal_changelog_unlock(&cl);
	is_int(cl.locked, 0, "unlocked");
	heal_changelog_close(&cl);
	heal_json_free(ev);

	unlink(path);
	rmdir(dir);
	return tap_done();
}
