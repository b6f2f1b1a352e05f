#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_report.h"
#include "tap.h"

static void add(struct heal_report *rep, const char *s)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json *v = heal_json_parse(s, strlen(s), NULL, &err);

	if (!v)
		abort();
	heal_report_add(rep, v);
	heal_json_free(v);
}

static char *render(const struct heal_report *rep, enum heal_report_format f)
{
	static char buf[8192];
	FILE *fp = fmemopen(buf, sizeof(buf) - 1, "w");

	memset(buf, 0, sizeof(buf));
	heal_report_write(rep, f, fp, NULL);
	fclose(fp);
	return buf;
}

int main(void)
{
	struct heal_report *rep = heal_report_new(NULL);
	enum heal_report_format f;
	FILE *full;

	ok(heal_report_format_parse("sarif", &f) == 0 && f == HEAL_REPORT_SARIF,
	   "sarif is a format");
	ok(heal_report_format_parse("xml", &f) < 0, "xml is not");

	add(rep, "{\"v\":1,\"kind\":\"error\",\"id\":\"a1\",\"tool\":\"gcc\","
		 "\"message\":\"first\",\"file\":\"a.c\",\"line\":3}");
	add(rep, "{\"v\":1,\"kind\":\"fix\",\"error_id\":\"a1\",\"status\":\"applied\","
		 "\"error\":{\"message\":\"embedded\"}}");
	is_int(heal_report_unhealed(rep), 1, "one error, not healed");
	contains(render(rep, HEAL_REPORT_TEXT), "a.c:3: error: first [gcc/error]",
		 "the error record wins over the embedded copy");
	contains(render(rep, HEAL_REPORT_TEXT), "fix applied, not validated",
		 "the fix status");
	add(rep, "{\"v\":1,\"kind\":\"validation\",\"error_id\":\"a1\",\"status\":\"passed\"}");
	is_int(heal_report_unhealed(rep), 0, "validated: healed");
	add(rep, "{\"v\":1,\"kind\":\"error\",\"tool\":\"x\",\"message\":\"n1\"}");
	add(rep, "{\"v\":1,\"kind\":\"error\",\"tool\":\"x\",\"message\":\"n2\"}");
	add(rep, "{\"v\":1,\"kind\":\"event\",\"event\":\"fix_failed\"}");
	is_int(heal_report_unhealed(rep), 2, "errors without ids are findings of their own");
	contains(render(rep, HEAL_REPORT_JUNIT), "tests=\"3\" failures=\"2\"",
		 "junit counts");

	full = fopen("/dev/full", "w");
	if (full) {
		struct heal_error err = HEAL_ERROR_INIT;

		setvbuf(full, NULL, _IONBF, 0);
		ok(heal_report_write(rep, HEAL_REPORT_SARIF, full, &err) < 0 &&
		   err.code == HEAL_ERR_IO, "a failed write is an I/O error");
		fclose(full);
	} else {
		ok(1, "# SKIP no /dev/full");
	}
	heal_report_free(rep);
	heal_report_free(NULL);
	return tap_done();
}
