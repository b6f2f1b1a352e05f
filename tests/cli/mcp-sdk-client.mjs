// heal-mcp driven by the official MCP TypeScript SDK client
// (@modelcontextprotocol/sdk), as an agent would: connect over stdio
// (the SDK negotiates the protocol version), list the tools, call them.
// The SDK checks each structuredContent against the tool's outputSchema.
//
// usage: node mcp-sdk-client.mjs SDK-PREFIX   (run in a copy of
// examples/c-make; SDK-PREFIX holds node_modules/@modelcontextprotocol/sdk)
import fs from "node:fs";
import path from "node:path";

const base = path.join(process.argv[2], "node_modules/@modelcontextprotocol/sdk/dist/esm");
const { Client } = await import(path.join(base, "client/index.js"));
const { StdioClientTransport } = await import(path.join(base, "client/stdio.js"));

function check(cond, what) {
  if (!cond) {
    console.error("not ok: " + what);
    process.exit(1);
  }
}

const transport = new StdioClientTransport({
  command: "heal-mcp", args: ["--root", process.cwd()], stderr: "inherit",
});
const client = new Client({ name: "heal-sdk-test", version: "1.0.0" });
await client.connect(transport);
check(client.getServerVersion().name === "heal-mcp", "server name");

const { tools } = await client.listTools();
const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
check(["detect", "analyze", "fix", "heal", "health", "changelog"].every((n) => byName[n]), "six tools");
for (const n of ["fix", "heal"]) {
  const a = byName[n].annotations;
  check(a.destructiveHint === true && a.readOnlyHint === false && a.openWorldHint === true, n + " annotations");
}
check(byName.detect.annotations.readOnlyHint === true, "detect is read-only");
check(tools.every((t) => t.outputSchema && t.outputSchema.type === "object"), "every tool has an outputSchema");

const text = fs.readFileSync("build.out", "utf8");
const d = await client.callTool({ name: "detect", arguments: { text, command: ["make"] } });
check(!d.isError && d.structuredContent.records.length >= 2, "detect finds the errors");
const a = await client.callTool({ name: "analyze", arguments: { records: d.structuredContent.records } });
check(!a.isError && a.structuredContent.records.some((r) => r.fixes.length > 0), "analyze proposes fixes");
const before = fs.readFileSync("main.c", "utf8");
const f = await client.callTool({ name: "fix", arguments: { records: a.structuredContent.records } });
check(!f.isError && f.structuredContent.records.some((r) => r.status === "dry-run"), "fix is a dry run");
check(fs.readFileSync("main.c", "utf8") === before, "a dry run changes nothing");

const bad = await client.callTool({ name: "fix", arguments: { records: [], apply: "yes" } });
check(bad.isError === true && bad.content[0].text.includes("'apply' must be of type boolean"),
  "a bad argument is an isError result");

const h = await client.callTool({ name: "health", arguments: {} });
check(!h.isError && typeof h.structuredContent.document.score === "number", "health");
await client.close();
console.log("ok");
