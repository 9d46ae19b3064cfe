import {startLocalFleet} from '../dist/local/server.js';
import {spawnCli} from './lib/pty.mjs';
const n = Number(process.argv[2] ?? 1000);
const fleet = await startLocalFleet({nodes: n, seed: 2});
const env = {AWS_ACCESS_KEY_ID: fleet.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: fleet.credentials.secretAccessKey,
  AWS_SESSION_TOKEN: fleet.credentials.sessionToken, AWS_REGION: fleet.region};
const tui = await spawnCli({args: ['--endpoint-url', fleet.endpoint, '--refresh', '3600'], cols: 200, rows: 50, env});
await tui.waitFor((s) => /refreshed \d/.test(s), {timeout: 300000});
await tui.waitForIdle(1000, {timeout: 300000});
for (let i = 0; i < 5; i++) { tui.resetByteCount(); const m = await tui.measureKey('down', {quietMs: 80}); console.log(JSON.stringify(m), JSON.stringify(tui.rawOutput().slice(0, 300))); }
await tui.close(); await fleet.close();
