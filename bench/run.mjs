// `npm run bench`: every benchmark, one JSON object per line on stdout (progress notes go to stderr).
// BENCH_ONLY=fleet.cold-start,fleet.50k runs a subset.
import {coldStart, bigFleet} from './fleet.mjs';
import {complianceBench} from './compliance.mjs';
import {runCommand1000} from './run-command.mjs';
import {portForward} from './port-forward.mjs';
import {sessionCodec} from './session-codec.mjs';
import {echoLatency, memoryPerPane, throughput} from './sessions.mjs';

const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const want = (name) => only.length === 0 || only.includes(name);

if (want('fleet.cold-start')) await coldStart();
if (want('fleet.50k')) await bigFleet();
if (want('run-command.1000')) await runCommand1000();
if (want('compliance.5k')) await complianceBench();
if (want('port-forward')) await portForward();
if (want('session-codec')) await sessionCodec();
if (want('sessions.echo')) await echoLatency();
if (want('sessions.memory')) await memoryPerPane();
if (want('sessions.throughput')) await throughput();
process.exit(0);
