// `npm run bench`: every benchmark, one JSON object per line on stdout (progress notes go to stderr).
// BENCH_ONLY=fleet.cold-start,fleet.50k runs a subset.
import {coldStart, bigFleet} from './fleet.mjs';

const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const want = (name) => only.length === 0 || only.includes(name);

if (want('fleet.cold-start')) await coldStart();
if (want('fleet.50k')) await bigFleet();
process.exit(0);
