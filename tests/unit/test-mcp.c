#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_mcp.h"
#include "tap.h"

static struct heal_buf out;

/* The answer to one message, "" when there is none. */
static const char *ask(struct heal_mcp *m, const char *msg, bool oversized)
{
	struct heal_error err = HEAL_ERROR_INIT;

	heal_buf_reset(&out);
	if (heal_mcp_handle(m, msg, strlen(msg), oversized, &out, &err) < 0)
		return "(failed)";
	return heal_buf_str(&out);
}

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_mcp_opts o;
	struct heal_mcp *m;
	char buf[4096];
	int in[2], res[2];
	ssize_t n;

	heal_buf_init(&out, 1u << 20);
	heal_mcp_opts_init(&o);
	o.bindir = "/nonexistent/heal-bin";
	o.max_message = 4096;
	m = heal_mcp_new(&o);
	ok(heal_mcp_protocol(m) == NULL, "no protocol before initialize");

	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\"}}", false),
		 "\"protocolVersion\":\"2024-11-05\"", "a supported version is echoed");
	is_str(heal_mcp_protocol(m), "2024-11-05", "and agreed");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"1.0\"}}", false),
		 "\"protocolVersion\":\"" HEAL_MCP_PROTOCOL_LATEST "\"", "another gets the latest");
	is_str(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}", false),
	       "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{}}\n", "ping");
	is_str(ask(m, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", false),
	       "", "a notification is not answered");
	is_str(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", false),
	       "", "nor is a response");
	contains(ask(m, "{oops", false), "\"id\":null,\"error\":{\"code\":-32700", "parse error");
	contains(ask(m, "[{}]", false), "\"code\":-32600", "a batch is refused");
	contains(ask(m, "xxxx", true), "over the 4096-byte cap", "an oversized message");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"x/y\"}", false),
		 "\"id\":4,\"error\":{\"code\":-32601", "unknown method");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}", false),
		 "\"code\":-32602,\"message\":\"unknown tool 'nope'\"", "unknown tool");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"detect\",\"arguments\":{\"text\":1}}}", false),
		 "'text' must be of type string", "a schema violation");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"detect\",\"arguments\":{\"text\":\"x\"}}}", false),
		 "\"isError\":true", "a tool that cannot be started is a tool error");
	contains(heal_buf_str(&out), "/nonexistent/heal-bin/heal-detect", "naming the program");
	contains(ask(m, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}", false),
		 "\"name\":\"changelog\"", "tools/list");

	/* serve: messages in, answers out, end of input is success */
	if (pipe(in) == 0 && pipe(res) == 0) {
		const char *msgs = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n\n"
				   "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}\n{bad\n";

		ok(write(in[1], msgs, strlen(msgs)) == (ssize_t)strlen(msgs), "messages written");
		close(in[1]);
		ok(heal_mcp_serve(m, in[0], res[1], &err) == 0, "serve ends at end of input");
		close(res[1]);
		n = read(res[0], buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		is_str(buf, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n"
			    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
			    "\"message\":\"Parse error: byte 3: invalid JSON: lexical error: invalid char in json text.\"}}\n",
		       "two answers, in order");
		close(in[0]);
		close(res[0]);
	}
	heal_mcp_free(m);
	heal_mcp_free(NULL);
	heal_buf_release(&out);
	return tap_done();
}
