// The smallest full-screen program: raw mode, alternate screen, and one short line redrawn per key. Benchmarks
// measure it next to the real CLI to get the floor that the pty, the kernel and the emulator add to key → first
// byte (a physical bound measured in the same run), e.g.
//   const floor = await spawnTui({args: [FLOOR_APP], cols, rows}); await floor.waitForText('floor ready');
// q or ctrl-c quits (restoring the terminal).
import {writeSync} from 'node:fs';

const out = (s) => writeSync(1, s);
let n = 0;
const restore = () => out('\x1b[?25h\x1b[?1049l');
process.on('exit', restore);
process.on('SIGTERM', () => process.exit(143));
process.on('SIGHUP', () => process.exit(129));
out('\x1b[?1049h\x1b[?25l\x1b[H\x1b[2Jfloor ready');
process.stdin.setRawMode(true);
process.stdin.on('data', (chunk) => {
  const s = chunk.toString('utf8');
  if (s === 'q' || s === '\x03') process.exit(0);
  n++;
  out(`\x1b[2;1H\x1b[2Kkey ${n}`);
});
