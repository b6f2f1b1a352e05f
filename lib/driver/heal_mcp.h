/*
 * heal_mcp.h - a Model Context Protocol server over stdio (heal-mcp(1)).
 *
 * JSON-RPC 2.0, one message per line.  Protocol versions 2024-11-05,
 * 2025-03-26 and 2025-06-18: the server answers `initialize` with the
 * client's version when it supports it, else with its latest.  Methods:
 * initialize, ping, tools/list, tools/call; notifications are accepted and
 * never answered.  Batches (JSON arrays) are rejected with one
 * Invalid Request error: 2025-06-18 removed them and no client needs them.
 *
 * The tools (detect, analyze, fix, heal, health, changelog) run the heal
 * binaries through heal_spawn: an argv, never a shell, in the project root,
 * with a timeout and capped output.  Their arguments are checked against
 * the input schemas tools/list publishes.  `fix` and `heal` change nothing
 * unless called with "apply": true, and never approve on their own: "yes"
 * must be set by the client.
 *
 * The module never prints; heal_mcp_serve writes only protocol messages to
 * the output descriptor it is given.
 */
#ifndef HEAL_MCP_H
#define HEAL_MCP_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"
#include "heal_error.h"
#include "heal_spawn.h"

/* How a tool is run: heal_spawn_run's contract. */
typedef int (*heal_mcp_spawn_fn)(const struct heal_spawn_opts *o,
				 struct heal_spawn_result *res,
				 struct heal_error *err);

/* JSON-RPC error codes. */
enum heal_mcp_code {
	HEAL_MCP_PARSE_ERROR = -32700,
	HEAL_MCP_INVALID_REQUEST = -32600,
	HEAL_MCP_METHOD_NOT_FOUND = -32601,
	HEAL_MCP_INVALID_PARAMS = -32602,
	HEAL_MCP_INTERNAL_ERROR = -32603,
};

#define HEAL_MCP_MESSAGE_DEFAULT (4u << 20)
#define HEAL_MCP_OUTPUT_DEFAULT (8u << 20)
#define HEAL_MCP_TIMEOUT_DEFAULT 600.0

/* The newest protocol version the server speaks. */
#define HEAL_MCP_PROTOCOL_LATEST "2025-06-18"

struct heal_mcp_opts {
	const char *bindir;      /* where heal-detect etc. are; NULL: PATH */
	const char *root;        /* the project root, every tool's cwd; NULL: "." */
	double timeout;          /* seconds one tool call may take, 0: none */
	size_t max_message;      /* bytes in one message line */
	size_t max_output;       /* bytes kept of a tool's stdout and of its stderr */
	char *const *environ;    /* filtered for the tools; NULL: ours */
	heal_mcp_spawn_fn spawn; /* NULL: heal_spawn_run (a fuzzer or a test
				  * gives one that starts no process) */
};

/* Defaults: no bindir, root ".", 600 s, 4 MiB messages, 8 MiB output. */
void heal_mcp_opts_init(struct heal_mcp_opts *o);

struct heal_mcp;

/* A server; strings in o are copied.  Free with heal_mcp_free. */
struct heal_mcp *heal_mcp_new(const struct heal_mcp_opts *o);
void heal_mcp_free(struct heal_mcp *m);

/*
 * Handle one message (a line without its newline).  oversized: the line
 * was longer than the message cap and msg holds only its start.  Appends
 * the response line, newline included, to out, or nothing for a
 * notification or a response.  Fails only when out cannot hold even an
 * error response (HEAL_ERR_LIMIT).
 */
int heal_mcp_handle(struct heal_mcp *m, const char *msg, size_t len,
		    bool oversized, struct heal_buf *out,
		    struct heal_error *err);

/*
 * Read messages from in_fd until end of input and write each response to
 * out_fd.  0 at end of input; -1 when reading or writing fails (HEAL_ERR_IO).
 */
int heal_mcp_serve(struct heal_mcp *m, int in_fd, int out_fd,
		   struct heal_error *err);

/*
 * The protocol version the client asked for and the server agreed to, or
 * NULL before initialize.  Borrowed.
 */
const char *heal_mcp_protocol(const struct heal_mcp *m);

/*
 * The directory of the running executable when it holds heal-detect (the
 * heal binaries were installed or built together), else NULL.  Owned by
 * the caller (free()).
 */
char *heal_mcp_find_bindir(void);

#endif
