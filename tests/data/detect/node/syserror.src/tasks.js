// Errors a script catches and prints as text, as npm's scripts do: no stack.
const fs = require('fs');
const net = require('net');
const cp = require('child_process');

try { fs.mkdirSync('missing-dir/sub'); } catch (e) { console.error(String(e)); }
try { fs.readFileSync('settings.json'); } catch (e) { console.error(`${e}`); }
const sock = net.connect(1, '127.0.0.1');
sock.on('error', (e) => {
  console.error(String(e));
  cp.spawn('no-such-program-heal').on('error', (e2) => console.error(String(e2)));
});
