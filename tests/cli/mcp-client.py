#!/usr/bin/env python3
"""A scripted JSON-RPC client for heal-mcp: runs one named scenario against
a heal-mcp started over pipes and exits 0 when every check holds.

Usage: mcp-client.py SCENARIO [HEAL-MCP-ARG]...
The server is `heal-mcp` from PATH (the build tree in the bats suites),
started in the current directory.
"""
import json
import os
import select
import subprocess
import sys
import time

LATEST = "2025-06-18"
TOOLS = ["detect", "analyze", "fix", "heal", "health", "changelog"]


class Server:
    def __init__(self, args=()):
        self.p = subprocess.Popen(["heal-mcp", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 100

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        self.send_raw(json.dumps(msg).encode() + b"\n")

    def recv(self, timeout=60):
        """The next response line as a dict."""
        end = time.time() + timeout
        while b"\n" not in self.buf:
            left = end - time.time()
            assert left > 0, "no response within %s s" % timeout
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 1 << 20)
                assert chunk, "server closed its output; stderr: %r" % self.p.stderr.read()
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        msg = json.loads(line)
        assert msg.get("jsonrpc") == "2.0", msg
        return msg

    def request(self, method, params=None, id=None):
        if id is None:
            self.next_id += 1
            id = self.next_id
        m = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)
        r = self.recv()
        assert r["id"] == id, (r, id)
        return r

    def init(self, version=LATEST):
        r = self.request("initialize", {"protocolVersion": version, "capabilities": {},
                                        "clientInfo": {"name": "mcp-client.py", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return r

    def call(self, name, arguments=None):
        params = {"name": name}
        if arguments is not None:
            params["arguments"] = arguments
        return self.request("tools/call", params)

    def close(self):
        self.p.stdin.close()
        rc = self.p.wait(timeout=30)
        err = self.p.stderr.read()
        assert rc == 0, "heal-mcp exited %d: %r" % (rc, err)
        assert self.buf == b"" and self.p.stdout.read() == b"", "unread output"
        return err


def error_code(r):
    assert "error" in r and "result" not in r, r
    return r["error"]["code"]


def result(r):
    assert "result" in r and "error" not in r, r
    return r["result"]


def text_of(res):
    return "".join(c["text"] for c in res["content"] if c["type"] == "text")


def ping_ok(s):
    assert result(s.request("ping")) == {}


def make_output():
    return subprocess.run(["make"], capture_output=False, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, env=dict(os.environ, LC_ALL="C")).stdout.decode()


# ---- scenarios ----

def s_versions(args):
    for v in ["2024-11-05", "2025-03-26", "2025-06-18"]:
        s = Server(args)
        res = result(s.init(v))
        assert res["protocolVersion"] == v, res
        assert res["capabilities"]["tools"] == {"listChanged": False}
        assert res["serverInfo"]["name"] == "heal-mcp"
        assert ("title" in res["serverInfo"]) == (v >= "2025-06-18")
        tl = result(s.request("tools/list"))["tools"]
        assert [t["name"] for t in tl] == TOOLS, tl
        for t in tl:
            assert t["inputSchema"]["type"] == "object" and t["description"]
            assert ("annotations" in t) == (v >= "2025-03-26"), (v, t)
            assert ("outputSchema" in t) == (v >= "2025-06-18"), (v, t)
            if "outputSchema" in t:
                assert t["outputSchema"]["type"] == "object"
                assert t["outputSchema"]["required"] == ["exit_status"]
            if "annotations" in t:
                a = t["annotations"]
                writes = t["name"] in ("fix", "heal")
                assert a["readOnlyHint"] is (not writes), t
                assert a.get("destructiveHint", False) is writes, t
                assert a["openWorldHint"] is writes, t
            assert ("title" in t) == (v >= "2025-06-18"), (v, t)
        s.close()
    s = Server(args)
    assert result(s.init("1999-01-01"))["protocolVersion"] == LATEST
    assert result(s.init("2026-01-01"))["protocolVersion"] == LATEST
    assert error_code(s.request("initialize", {"capabilities": {}})) == -32602
    assert error_code(s.request("initialize", {"protocolVersion": 20250618})) == -32602
    s.close()


def s_lifecycle(args):
    s = Server(args)
    # ping is allowed before initialize; so is tools/list (lenient)
    ping_ok(s)
    s.init("2025-03-26")
    ping_ok(s)
    # string ids come back as they were, numbers exactly
    assert s.request("ping", id="abc")["id"] == "abc"
    s.send_raw(b'{"jsonrpc":"2.0","id":12345678901234,"method":"ping"}\n')
    assert s.recv()["id"] == 12345678901234
    # notifications and responses are never answered
    s.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}})
    s.send({"jsonrpc": "2.0", "method": "no/such/notification"})
    s.send({"jsonrpc": "2.0", "id": 7, "result": {}})
    s.send({"jsonrpc": "2.0", "id": 8, "error": {"code": 1, "message": "x"}})
    s.send_raw(b"\n   \n\r\n")
    ping_ok(s)
    s.close()


def s_malformed(args):
    s = Server(args)
    s.init()
    N = None
    bad = [  # message, code, the id of the answer
        (b"{bad json", -32700, N),
        (b'{"jsonrpc":"2.0","id":1,"method":"ping"', -32700, N),
        (b'{"jsonrpc":"2.0","id":1,"method":"ping"} x', -32700, N),
        (b"\xff\xfe{}", -32700, N),
        (b"[" * 100000, -32700, N),
        (b'{"a":' * 1000 + b"1" + b"}" * 1000, -32700, N),
        (b"5", -32600, N),
        (b'"ping"', -32600, N),
        (b"null", -32600, N),
        (b"[]", -32600, N),
        (b'[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]', -32600, N),
        (b'{"id":1,"method":"ping"}', -32600, 1),
        (b'{"jsonrpc":"1.0","id":1,"method":"ping"}', -32600, 1),
        (b'{"jsonrpc":2,"id":"x","method":"ping"}', -32600, "x"),
        (b'{"jsonrpc":"2.0","id":null,"method":"ping"}', -32600, N),
        (b'{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', -32600, N),
        (b'{"jsonrpc":"2.0","id":true,"method":"ping"}', -32600, N),
        (b'{"jsonrpc":"2.0","id":1.5,"method":"ping"}', -32600, N),
        (b'{"jsonrpc":"2.0","id":1}', -32600, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":42}', -32600, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"ping\\u0000x"}', -32600, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}', -32602, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}', -32602, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"no/such/method"}', -32601, 1),
        (b'{"jsonrpc":"2.0","id":1,"method":"resources/list"}', -32601, 1),
    ]
    for raw, code, id in bad:
        s.send_raw(raw + b"\n")
        r = s.recv()
        assert error_code(r) == code, (raw[:80], r)
        assert isinstance(r["error"]["message"], str) and r["error"]["message"]
        assert r["id"] == id and type(r["id"]) == type(id), (raw[:80], r)
    ping_ok(s)
    s.close()


def s_oversized(args):
    # default cap: 4 MiB
    s = Server(args)
    s.init()
    big = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
           "params": {"name": "detect", "arguments": {"text": "x" * (5 << 20)}}}
    s.send(big)
    r = s.recv()
    assert error_code(r) == -32600 and r["id"] is None, r
    assert "4194304" in r["error"]["message"], r
    assert r["error"]["data"]["max_bytes"] == 4194304
    ping_ok(s)
    # just under the cap is fine
    near = "x" * ((4 << 20) - 200)
    r = s.call("detect", {"text": near})
    assert result(r)["isError"] is False, r
    # garbage far over the cap, with no newline for a long time
    s.send_raw(b"\x00\xff" * (6 << 20) + b"\n")
    assert error_code(s.recv()) == -32600
    ping_ok(s)
    s.close()
    # a smaller cap from the command line
    s = Server([*args, "--max-message", "2048"])
    s.init()
    s.send({"jsonrpc": "2.0", "id": 9, "method": "tools/call",
            "params": {"name": "detect", "arguments": {"text": "y" * 4096}}})
    r = s.recv()
    assert error_code(r) == -32600 and r["id"] is None and "2048" in r["error"]["message"], r
    ping_ok(s)
    s.close()


def s_bad_calls(args):
    s = Server(args)
    s.init()
    # a malformed request is a protocol error (-32602)
    for params, words in [
        ({"name": "nope"}, "unknown tool"),
        ({"name": 5}, "name"),
        ({}, "name"),
        ({"name": "detect", "arguments": []}, "arguments"),
        ({"name": "detect", "arguments": "text"}, "arguments"),
    ]:
        r = s.request("tools/call", params)
        assert error_code(r) == -32602, (params, r)
        assert words in r["error"]["message"], (words, r)
    # arguments that break a tool's schema are that tool's result, with
    # isError, so the model can read what was wrong and call again
    bad = [
        ({"name": "detect"}, "'text' is missing"),
        ({"name": "detect", "arguments": {}}, "'text' is missing"),
        ({"name": "detect", "arguments": {"text": 5}}, "'text' must be of type string"),
        ({"name": "detect", "arguments": {"text": "a\u0000b"}}, "NUL"),
        ({"name": "detect", "arguments": {"text": "", "shell": "rm -rf /"}}, "unknown argument"),
        ({"name": "detect", "arguments": {"text": "", "command": "make all"}}, "'command' must be of type array"),
        ({"name": "detect", "arguments": {"text": "", "command": ["make", 1]}}, "'command'"),
        ({"name": "analyze", "arguments": {}}, "either"),
        ({"name": "analyze", "arguments": {"records": [], "text": ""}}, "either"),
        ({"name": "analyze", "arguments": {"records": [1]}}, "'records' must be of type object"),
        ({"name": "fix", "arguments": {}}, "'records' is missing"),
        ({"name": "fix", "arguments": {"records": [], "apply": "yes"}}, "'apply' must be of type boolean"),
        ({"name": "fix", "arguments": {"records": [], "approve": "sometimes"}}, "allowed values"),
        ({"name": "heal", "arguments": {"command": []}}, "too few"),
        ({"name": "heal", "arguments": {"command": "make"}}, "'command' must be of type array"),
        ({"name": "heal", "arguments": {"command": ["make"], "max_attempts": 0}}, "out of range"),
        ({"name": "heal", "arguments": {"command": ["make"], "max_attempts": 2.5}}, "integer"),
        ({"name": "health", "arguments": {"runs": "5"}}, "'runs'"),
        ({"name": "changelog", "arguments": {"x": 1}}, "unknown argument"),
    ]
    for params, words in bad:
        r = s.request("tools/call", params)
        res = result(r)
        assert res["isError"] is True, (params, r)
        assert words in text_of(res), (words, r)
        assert "structuredContent" not in res, r
    ping_ok(s)
    s.close()


def s_detect_analyze(args):
    out = make_output()
    assert "error" in out, out
    s = Server(args)
    s.init("2025-06-18")
    res = result(s.call("detect", {"text": out, "command": ["make"]}))
    assert res["isError"] is False, res
    recs = res["structuredContent"]["records"]
    assert res["structuredContent"]["exit_status"] == 1
    assert any(r.get("file") == "main.c" for r in recs), recs
    assert all(r["command"] == ["make"] for r in recs), recs
    # the text block holds the same records, one per line
    assert [json.loads(l) for l in text_of(res).splitlines() if l] == recs
    # nothing found: an empty, successful result
    res = result(s.call("detect", {"text": "all good\n"}))
    assert res["isError"] is False and res["structuredContent"]["records"] == []
    # analyze from the text, and from the records
    res = result(s.call("analyze", {"text": out}))
    assert res["isError"] is False, res
    an = res["structuredContent"]["records"]
    assert any(f["description"] for r in an for f in r.get("fixes", [])), an
    res2 = result(s.call("analyze", {"records": recs}))
    assert res2["isError"] is False, res2
    assert len(res2["structuredContent"]["records"]) == len(recs)
    s.close()
    # older protocol versions get no structuredContent
    s = Server(args)
    s.init("2024-11-05")
    res = result(s.call("detect", {"text": out}))
    assert "structuredContent" not in res and "main.c" in text_of(res), res
    s.close()


def analyzed(s):
    res = result(s.call("analyze", {"text": make_output()}))
    return res["structuredContent"]["records"]


def s_fix(args):
    before = open("main.c").read()
    s = Server(args)
    s.init()
    recs = analyzed(s)
    # dry run by default: the diff, no change
    res = result(s.call("fix", {"records": recs}))
    assert res["isError"] is False, res
    fixes = res["structuredContent"]["records"]
    assert any(f["status"] == "dry-run" and "+#include <string.h>" in (f["diff"] or "") for f in fixes), fixes
    assert open("main.c").read() == before
    assert not os.path.exists(".heal/backups") or not os.listdir(".heal/backups")
    # an explicit dry run is the same
    result(s.call("fix", {"records": recs, "apply": False}))
    assert open("main.c").read() == before
    # approval is never given on the client's behalf
    res = result(s.call("fix", {"records": recs, "apply": True, "approve": "always"}))
    assert open("main.c").read() == before, res
    assert res["structuredContent"]["exit_status"] == 1, res
    # apply: true changes the file
    res = result(s.call("fix", {"records": recs, "apply": True}))
    assert res["isError"] is False, res
    after = open("main.c").read()
    assert "#include <string.h>" in after, after
    # the changelog and health see nothing until heal-log ran; still results
    res = result(s.call("health"))
    assert res["isError"] is False and "score" in res["structuredContent"]["document"], res
    res = result(s.call("changelog", {}))
    assert res["isError"] is False, res
    s.close()


def s_fix_yes(args):
    before = open("main.c").read()
    s = Server(args)
    s.init()
    recs = analyzed(s)
    res = result(s.call("fix", {"records": recs, "apply": True, "approve": "always", "yes": True}))
    assert res["isError"] is False, res
    assert open("main.c").read() != before
    s.close()


def s_fix_refused(args):
    """A fix whose command is outside the allow-list: refused, with the
    very record and reason heal-fix gives on the command line."""
    rec = {"v": 1, "kind": "error", "id": "00000000000000c1", "tool": "gcc",
           "message": "x", "fixes": [{"id": "c.1", "description": "fetch",
           "confidence": 0.9, "risk": "low", "source": "rule",
           "command": ["curl", "http://example.invalid/x"]}]}
    cli = subprocess.run(["heal-fix", "--yes"], input=json.dumps(rec) + "\n",
                         capture_output=True, text=True)
    want = json.loads(cli.stdout)
    s = Server(args)
    s.init()
    res = result(s.call("fix", {"records": [rec], "apply": True, "yes": True}))
    got = res["structuredContent"]["records"][0]
    assert got["status"] == "refused" == want["status"], got
    assert got["reason"] == want["reason"], (got, want)
    assert "allow-list" in got["reason"], got
    assert res["structuredContent"]["exit_status"] == cli.returncode, (res, cli.returncode)
    s.close()


def s_fake_tools(args):
    """--bindir with fake heal tools: failures, timeouts, output caps."""
    d = os.path.abspath("fakebin")
    os.makedirs(d, exist_ok=True)

    def tool(name, body):
        with open(os.path.join(d, name), "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(os.path.join(d, name), 0o755)
    tool("heal-detect", 'echo "bad input here" >&2; exit 3')
    tool("heal-log", 'exec sleep 30')
    tool("heal-fix", 'head -c 3000000 /dev/zero | tr "\\0" a; echo')
    tool("heal", 'printf "%s\\n" "$@"; exit 7')
    s = Server([*args, "--bindir", d, "--timeout", "1", "--max-output", "4096"])
    s.init()
    res = result(s.call("detect", {"text": "x"}))
    assert res["isError"] is True and "exited with status 3" in text_of(res), res
    assert "bad input here" in text_of(res)
    t0 = time.time()
    res = result(s.call("health"))
    assert res["isError"] is True and "timed out" in text_of(res), res
    assert time.time() - t0 < 10
    res = result(s.call("fix", {"records": [{"v": 1}]}))
    assert res["isError"] is False and "truncated at 4096 bytes" in text_of(res), res
    assert len(res["content"][0]["text"]) <= 4096
    # heal: an argv, dry run unless apply, exit status is a result
    res = result(s.call("heal", {"command": ["make", "a b", "$(rm -rf /)", ";"]}))
    assert res["isError"] is False, res
    assert res["structuredContent"]["exit_status"] == 7
    assert text_of(res).splitlines() == ["--dry-run", "--no-wait", "--", "make", "a b", "$(rm -rf /)", ";"], res
    res = result(s.call("heal", {"command": ["make"], "apply": True, "yes": True, "max_attempts": 3,
                                 "approve": "always", "test": ["make", "check"], "wait": True}))
    assert text_of(res).splitlines() == ["--approve", "always", "--yes", "--max-attempts=3",
                                         "--test", '["make","check"]', "--", "make"], res
    s.close()
    # a missing binary is a tool error, not a crash
    os.unlink(os.path.join(d, "heal"))
    s = Server([*args, "--bindir", d])
    s.init()
    res = result(s.call("heal", {"command": ["true"]}))
    assert res["isError"] is True and "heal" in text_of(res), res
    s.close()


def s_heal(args):
    """the real heal loop on examples/c-make"""
    before = open("main.c").read()
    s = Server(args)
    s.init()
    res = result(s.call("heal", {"command": ["make"]}))
    assert res["isError"] is False, res
    assert res["structuredContent"]["exit_status"] == 2, res
    assert "+#include <string.h>" in text_of(res), res
    assert open("main.c").read() == before
    res = result(s.call("heal", {"command": ["make"], "apply": True, "yes": True}))
    assert res["isError"] is False, res
    assert res["structuredContent"]["exit_status"] == 0, text_of(res)
    assert "#include <string.h>" in open("main.c").read()
    assert subprocess.run(["make", "-s"], capture_output=True).returncode == 0
    doc = result(s.call("changelog"))["structuredContent"]["document"]
    assert "fix_applied" in json.dumps(doc), doc
    h = result(s.call("health", {"runs": 3}))["structuredContent"]["document"]
    assert "score" in h, h
    s.close()


def s_eof(args):
    # end of input after a partial line: the line is answered, exit 0
    s = Server(args)
    s.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"ping"}')
    s.p.stdin.close()
    assert result(s.recv()) == {}
    assert s.p.wait(timeout=30) == 0
    # a reader that went away: no hang, no crash report
    p = subprocess.Popen(["heal-mcp", *args], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    try:
        p.stdin.write(b'{"jsonrpc":"2.0","id":1,"method":"ping"}\n' * 1000)
        p.stdin.close()
    except BrokenPipeError:
        pass
    rc = p.wait(timeout=30)
    assert rc in (0, 4, -13), rc


SCENARIOS = {k[2:].replace("_", "-"): v for k, v in globals().items() if k.startswith("s_")}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](sys.argv[2:])
