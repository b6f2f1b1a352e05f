/*
 * libFuzzer target: heal-mcp's message handler (JSON-RPC parsing, method
 * dispatch, argument checking against the published schemas, argv
 * building and tool results).  No process is started: the server is given
 * a spawn function that checks the argv it would run and answers with
 * output taken from the input itself.
 *
 * Input: messages, one per line, handled in order by one server (so
 * initialize changes what later answers hold).  Every answer must be one
 * line of valid UTF-8 JSON.  A line starting with "#" sets the output the
 * fake tools print next (records, a document, or garbage).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_json.h"
#include "heal_mcp.h"
#include "heal_utf8.h"

static const char *fake_out = "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n";
static size_t fake_len;
static int fake_status;

static int fake_spawn(const struct heal_spawn_opts *o,
		      struct heal_spawn_result *res, struct heal_error *err)
{
	size_t i;

	(void)err;
	memset(res, 0, sizeof(*res));
	heal_buf_init(&res->out, o->max_output);
	heal_buf_init(&res->err, o->max_output);
	/* an argv is whole strings, NULL-terminated, never a shell */
	for (i = 0; o->argv[i]; i++)
		if (i > 10000)
			abort();
	if (strchr(o->argv[0], ' ') || strcmp(o->argv[0], "sh") == 0)
		abort();
	res->exited = fake_status >= 0;
	res->status = fake_status >= 0 ? fake_status : 0;
	res->signal = fake_status < 0 ? 9 : 0;
	if (heal_buf_add(&res->out, fake_out, fake_len, NULL) < 0)
		res->out_truncated = true;
	if (heal_buf_add(&res->err, "stderr \x1b[1m\n", 13, NULL) < 0)
		res->err_truncated = true;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_mcp_opts o;
	struct heal_mcp *m;
	struct heal_buf out;
	const char *p = (const char *)data, *end = p + size, *nl;
	char *owned = NULL;

	fake_out = "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n";
	fake_len = strlen(fake_out);
	fake_status = 0;
	heal_mcp_opts_init(&o);
	o.bindir = "/nonexistent";
	o.max_message = 1u << 16;
	o.max_output = 1u << 16;
	o.spawn = fake_spawn;
	m = heal_mcp_new(&o);
	/* answers nest records a few levels deeper than the input's cap */
	heal_json_limits_default(&lim);
	lim.max_depth = 256;
	lim.max_string = 64u << 20;
	heal_buf_init(&out, 16 * o.max_output + o.max_message + (1u << 20));
	for (; p < end; p = nl + 1) {
		size_t len;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		len = (size_t)(nl - p);
		if (len && p[0] == '#') {
			free(owned);
			owned = malloc(len);
			if (!owned)
				abort();
			memcpy(owned, p + 1, len - 1);
			owned[len - 1] = '\n';
			fake_out = owned;
			fake_len = len;
			fake_status = len > 1 ? (p[1] % 4) - 1 : 0;
			continue;
		}
		heal_buf_reset(&out);
		if (heal_mcp_handle(m, p, len, len > 4000 && p[0] == '!', &out, &err) < 0)
			continue;
		if (out.len) {
			struct heal_json *v;

			/* one line, valid UTF-8, a JSON object */
			if (out.data[out.len - 1] != '\n' ||
			    memchr(out.data, '\n', out.len - 1) ||
			    !heal_utf8_valid(out.data, out.len - 1))
				abort();
			v = heal_json_parse(out.data, out.len - 1, &lim, &err);
			if (!v || v->type != HEAL_JSON_OBJECT)
				abort();
			heal_json_free(v);
		}
	}
	heal_buf_release(&out);
	heal_mcp_free(m);
	free(owned);
	return 0;
}
