import {startLocalFleet} from '../dist/local/server.js';
import {spawnTui} from './lib/pty.mjs';
const n = Number(process.argv[2]);
const fleet = await startLocalFleet({nodes: n, seed: 1});
const env = {AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
  AWS_SESSION_TOKEN: fleet.credentials.sessionToken, AWS_REGION: fleet.region};
const tui = await spawnTui({args: ['--cpu-prof', '--cpu-prof-dir=/tmp/cprof', 'dist/bin/fleetdeck.mjs', '--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 200, rows: 50, env});
await tui.waitFor((s) => /refreshed \d/.test(s) && !/loading/.test(s), {timeout: 600000});
await tui.waitForIdle(500);
const t = Date.now();
const lat = [];
for (let i = 0; i < 40; i++) { const m = await tui.measureKey('down', {quietMs: 40}); lat.push(m.settleMs); }
console.log('keys', Date.now() - t, lat.map(Math.round).join(' '));
await tui.press('q'); await tui.exited; await tui.close(); await fleet.close();
