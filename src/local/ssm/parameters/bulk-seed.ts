// A large Parameter Store for scale tests and benchmarks: more applications, environments and keys on top of the
// seeded store, until it holds `total` parameters. Deterministic for a fleet seed; values are plain and short.
import type {FleetModel} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {parameterStore} from './index.js';
import {addVersion} from './seed.js';

const ENVIRONMENTS = ['dev', 'qa', 'staging', 'prod'];
const AREAS = ['db', 'api', 'cache', 'queue', 'feature-flags', 'limits', 'endpoints', 'jobs'];

/** Grows the fleet's store to `total` parameters (no-op when it already holds that many); returns its size. */
export function growParameterStore(model: FleetModel, total: number): number {
  const store = parameterStore(model);
  const rng = new Prng(`${model.seed}:bulk-parameters`);
  const user = `arn:aws:iam::${model.accountId}:user/bulk-loader`;
  for (let i = 0; store.size < total; i++) {
    const app = `svc-${String(Math.floor(i / 400)).padStart(3, '0')}`;
    const env = ENVIRONMENTS[Math.floor(i / 100) % ENVIRONMENTS.length] ?? 'dev';
    const area = AREAS[i % AREAS.length] ?? 'misc';
    const name = `/${app}/${env}/${area}/key-${String(i % 100).padStart(3, '0')}`;
    if (store.get(name, 0) !== undefined) continue;
    const type = i % 17 === 0 ? 'SecureString' : i % 11 === 0 ? 'StringList' : 'String';
    addVersion(store, name, {type, text: type === 'StringList' ? `a-${i},b-${i}` : `value-${rng.hex(8)}`,
      at: model.generatedAt - rng.int(1, 300) * 86_400_000, user});
  }
  return store.size;
}
