#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_ndjson.h"
#include "tap.h"

static char path[] = "/tmp/heal-test-ndjson-XXXXXX";

static void write_file(const char *s, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0 || write(fd, s, len) != (ssize_t)len)
		abort();
	close(fd);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_ndjson_reader r;
	struct heal_ndjson_limits lim;
	struct heal_json *v;
	struct heal_buf scratch;
	FILE *f;
	char line[512];
	int fd = mkstemp(path);
	int k;

	if (fd < 0)
		return 1;
	close(fd);

	/* good, blank, bad, not-an-object, over-long, good */
	{
		char input[600];
		size_t n = 0;

		n += (size_t)snprintf(input + n, sizeof(input) - n,
				      "{\"v\":1,\"kind\":\"error\",\"x-unknown\":{\"deep\":[1,2]}}\r\n\n  \n{bad\n[1]\n{\"s\":\"");
		memset(input + n, 'x', 200);
		n += 200;
		n += (size_t)snprintf(input + n, sizeof(input) - n, "\"}\n{\"ok\":true}");
		write_file(input, n);
	}
	heal_ndjson_limits_default(&lim);
	lim.max_line = 100;
	ok(heal_ndjson_reader_open(&r, path, &lim, &err) == 0, "open file");
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == 1 && heal_json_object_get(v, "x-unknown"), "CRLF record parsed");
	heal_buf_init(&scratch, 1 << 20);
	f = tmpfile();
	heal_ndjson_write(f, v, &scratch, &err);
	rewind(f);
	ok(fgets(line, sizeof(line), f) != NULL, "record written");
	is_str(line, "{\"v\":1,\"kind\":\"error\",\"x-unknown\":{\"deep\":[1,2]}}\n",
	       "unknown field round-trips through read and write");
	fclose(f);
	heal_json_free(v);
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == -1 && err.code == HEAL_ERR_INPUT, "bad JSON line is an error");
	ok(strstr(err.msg, ":4: ") != NULL, "message names the line (blank lines counted)");
	contains(err.msg, "heal-test-ndjson", "message names the input");
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == -1 && err.code == HEAL_ERR_INPUT, "array line is an error");
	contains(err.msg, "must be a JSON object", "non-object message");
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == -1 && err.code == HEAL_ERR_LIMIT, "over-long line is a limit error");
	contains(err.msg, ":6: record line longer than 100 bytes", "over-long message");
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == 1 && heal_json_object_get_bool(v, "ok"),
	   "reading goes on after bad lines (keep-going)");
	is_int(heal_ndjson_lineno(&r), 7, "line number of the last record");
	heal_json_free(v);
	is_int(heal_ndjson_next(&r, &v, &err), 0, "end of input");
	heal_ndjson_reader_close(&r);

	/* truncated last line */
	write_file("{\"a\":1}\n{\"b\":", 13);
	heal_ndjson_reader_open(&r, path, NULL, &err);
	k = heal_ndjson_next(&r, &v, &err);
	heal_json_free(v);
	k = heal_ndjson_next(&r, &v, &err);
	ok(k == -1 && err.code == HEAL_ERR_INPUT, "truncated last line is an error");
	contains(err.msg, ":2: ", "truncated line is named");
	is_int(heal_ndjson_next(&r, &v, &err), 0, "then end of input");
	heal_ndjson_reader_close(&r);

	/* depth cap through the reader */
	write_file("{\"a\":[[[[[[[[[[1]]]]]]]]]]}\n", 28);
	lim.max_line = 1000;
	lim.json.max_depth = 5;
	heal_ndjson_reader_open(&r, path, &lim, &err);
	ok(heal_ndjson_next(&r, &v, &err) == -1 && err.code == HEAL_ERR_LIMIT,
	   "depth cap applies to records");
	heal_ndjson_reader_close(&r);

	/* missing file */
	ok(heal_ndjson_reader_open(&r, "/nonexistent/x.ndjson", NULL, &err) == -1 &&
	   err.code == HEAL_ERR_IO, "missing file is an I/O error");
	contains(err.msg, "cannot open '/nonexistent/x.ndjson'", "missing file message");

	/* limits from the environment */
	setenv("HEAL_MAX_LINE", "2048", 1);
	setenv("HEAL_MAX_DEPTH", "10", 1);
	ok(heal_ndjson_limits_from_env(&lim, &err) == 0 && lim.max_line == 2048 &&
	   lim.json.max_depth == 10, "HEAL_MAX_LINE and HEAL_MAX_DEPTH read");
	setenv("HEAL_MAX_DEPTH", "-3", 1);
	ok(heal_ndjson_limits_from_env(&lim, &err) == -1 &&
	   err.code == HEAL_ERR_USAGE, "bad HEAL_MAX_DEPTH is a usage error");
	contains(err.msg, "HEAL_MAX_DEPTH", "message names the variable");
	setenv("HEAL_MAX_DEPTH", "64", 1);
	setenv("HEAL_MAX_STRING", "abc", 1);
	ok(heal_ndjson_limits_from_env(&lim, &err) == -1, "bad HEAL_MAX_STRING rejected");

	/* writer cap */
	heal_buf_release(&scratch);
	heal_buf_init(&scratch, 10);
	v = heal_json_new_object();
	heal_json_object_set_str(v, "long", "more than ten bytes");
	f = tmpfile();
	ok(heal_ndjson_write(f, v, &scratch, &err) == -1 &&
	   err.code == HEAL_ERR_LIMIT, "record over the writer cap is refused");
	fclose(f);
	heal_json_free(v);
	heal_buf_release(&scratch);
	unlink(path);
	return tap_done();
}
