// The seeded Parameter Store: several applications × environments with the configuration and secrets a team keeps
// there (database endpoints and passwords, API settings, feature flags, allowed origins), some with several
// versions, labels, tags and, on the Advanced tier, Expiration/ExpirationNotification policies; plus a few public
// parameters under /aws/service/. The same fleet seed always yields the same names, values, versions and labels.

import type {FleetModel} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {DEFAULT_KEY_ID, LOCAL_CMK_ALIAS} from './keys.js';
import {latest, type ParameterStore, type ParameterTier, type ParameterType, type StoredPolicy} from './store.js';

export const SEED_APPS = ['checkout', 'payments', 'search', 'catalog', 'identity', 'notifications'] as const;
export const SEED_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

const DAY = 86_400_000;

interface SeedSpec {
  readonly key: string;
  readonly type: ParameterType;
  readonly value: (rng: Prng, version: number) => string;
  readonly description?: string;
  readonly allowedPattern?: string;
  /** Relative weights for 1, 2, 3, 5, 8 versions. */
  readonly churn?: readonly number[];
  readonly keyId?: string;
}

const secret = (rng: Prng): string => `${rng.hex(8)}-${rng.hex(12)}-${rng.hex(12)}`;

function specs(app: string, env: string, region: string, accountId: string): SeedSpec[] {
  return [
    {key: 'db/host', type: 'String', value: (r) => `${app}-${env}.cluster-${r.hex(12)}.${region}.rds.amazonaws.com`, description: 'Primary database writer endpoint'},
    {key: 'db/port', type: 'String', value: () => '5432', allowedPattern: '^[0-9]{2,5}$'},
    {key: 'db/name', type: 'String', value: () => `${app}_${env}`},
    {key: 'db/username', type: 'String', value: () => `${app}_svc`},
    {key: 'db/password', type: 'SecureString', value: secret, description: 'Database password (rotated)', churn: [40, 30, 20, 8, 2]},
    {key: 'api/base-url', type: 'String', value: () => `https://${app}.${env}.internal.example.com`},
    {key: 'api/timeout-ms', type: 'String', value: (r, v) => String(1000 + 500 * ((v + r.int(0, 3)) % 8)), allowedPattern: '^[0-9]+$', churn: [40, 25, 20, 10, 5]},
    {key: 'cache/ttl-seconds', type: 'String', value: (r) => String(r.pick([30, 60, 120, 300, 900]))},
    {key: 'log-level', type: 'String', value: (r) => r.pick(['debug', 'info', 'warn']), allowedPattern: '^(debug|info|warn|error)$', churn: [20, 30, 25, 15, 10]},
    {key: 'replicas', type: 'String', value: (r) => String(r.int(1, env === 'prod' ? 12 : 3)), allowedPattern: '^[0-9]+$', churn: [30, 30, 20, 15, 5]},
    {key: 'feature-flags/new-ui', type: 'String', value: (_r, v) => (v % 2 === 1 ? 'false' : 'true'), churn: [30, 30, 25, 10, 5]},
    {key: 'allowed-origins', type: 'StringList', value: () => `https://${app}.example.com,https://admin.example.com,https://${env}.example.com`},
    {key: 'queue/url', type: 'String', value: () => `https://sqs.${region}.amazonaws.com/${accountId}/${app}-${env}-events`},
    {key: 'secrets/api-key', type: 'SecureString', value: (r) => `sk_${env}_${r.hex(24)}`, description: 'Third-party API key'},
    {key: 'oauth/client-secret', type: 'SecureString', value: (r) => r.hex(40), keyId: LOCAL_CMK_ALIAS},
    {key: 'config/limits', type: 'String', value: (r) => JSON.stringify({maxItems: r.int(10, 500), burst: r.int(1, 50), window: '1m'})},
  ];
}

const EDITORS = ['user/alice', 'user/bob', 'assumed-role/deploy-pipeline/codebuild', 'assumed-role/AWSReservedSSO_Admin_3f9a2c/carol@example.com'];
const VERSION_COUNTS = [1, 2, 3, 5, 8];

interface VersionInit {
  type: ParameterType;
  text: string;
  at: number;
  user: string;
  keyId?: string | undefined;
  description?: string | undefined;
  allowedPattern?: string | undefined;
  tier?: ParameterTier;
  policies?: readonly StoredPolicy[];
  dataType?: string;
}

export function addVersion(store: ParameterStore, name: string, init: VersionInit, isPublic = false): void {
  const p = store.get(name, 0) ?? store.create(name, isPublic);
  const prev = p.versions[p.versions.length - 1];
  store.pushVersion(p, {
    version: (prev?.version ?? 0) + 1,
    value: store.seal(name, init.type, init.text),
    type: init.type,
    keyId: init.type === 'SecureString' ? init.keyId ?? DEFAULT_KEY_ID : undefined,
    description: init.description,
    allowedPattern: init.allowedPattern,
    tier: init.tier ?? 'Standard',
    policies: init.policies ?? [],
    dataType: init.dataType ?? 'text',
    lastModified: init.at,
    lastModifiedUser: init.user,
    labels: [],
  });
}

function expiryPolicies(expiresAt: number): StoredPolicy[] {
  const exp = {Type: 'Expiration', Version: '1.0', Attributes: {Timestamp: new Date(expiresAt).toISOString()}};
  const note = {Type: 'ExpirationNotification', Version: '1.0', Attributes: {Before: '15', Unit: 'Days'}};
  return [
    {type: 'Expiration', text: JSON.stringify(exp), expiresAt},
    {type: 'ExpirationNotification', text: JSON.stringify(note)},
  ];
}

/** Seeds the account's parameters and the public ones; called once per fleet. */
export function seedParameters(store: ParameterStore, model: FleetModel): void {
  const rng = new Prng(`${model.seed}:parameters`);
  const now = model.generatedAt;
  const arn = (who: string): string => `arn:aws:iam::${model.accountId}:${who}`;
  for (const app of SEED_APPS) {
    for (const env of SEED_ENVIRONMENTS) {
      for (const spec of specs(app, env, model.region, model.accountId)) {
        const name = `/${app}/${env}/${spec.key}`;
        const count = VERSION_COUNTS[rng.weightedIndex(spec.churn ?? [70, 15, 10, 4, 1])] ?? 1;
        const advanced = spec.key === 'secrets/api-key' && env === 'prod';
        let at = now - rng.int(30, 400) * DAY;
        for (let i = 1; i <= count; i++) {
          addVersion(store, name, {
            type: spec.type, text: spec.value(rng, i), at, user: arn(rng.pick(EDITORS)),
            keyId: spec.keyId, description: spec.description, allowedPattern: spec.allowedPattern,
            ...(advanced ? {tier: 'Advanced' as const, policies: expiryPolicies(now + rng.int(20, 120) * DAY)} : {}),
          });
          at += rng.int(1, 20) * DAY + rng.int(0, DAY);
        }
        const p = store.get(name, 0);
        if (p === undefined) continue;
        p.tags.set('app', app);
        p.tags.set('env', env);
        p.tags.set('team', rng.pick(['platform', 'growth', 'core', 'sre']));
        // Releases pin the config they shipped with: the newest version is "current", the one before "previous".
        if (p.versions.length > 1 && env !== 'dev') {
          latest(p).labels.push('current');
          p.versions[p.versions.length - 2]?.labels.push('previous');
          if (p.versions.length > 3) p.versions[0]?.labels.push('baseline');
        }
      }
    }
  }
  const shared: [string, ParameterType, string][] = [
    ['/shared/observability/otlp-endpoint', 'String', 'https://otel-collector.internal.example.com:4317'],
    ['/shared/observability/sampling-ratio', 'String', '0.05'],
    ['/shared/network/vpc-id', 'String', `vpc-${rng.hex(17)}`],
    ['/shared/network/private-subnets', 'StringList', `subnet-${rng.hex(17)},subnet-${rng.hex(17)},subnet-${rng.hex(17)}`],
    ['/shared/slack/webhook-url', 'SecureString', `https://hooks.slack.example.com/services/T${rng.hex(8)}/B${rng.hex(8)}/${rng.hex(24)}`],
    ['/shared/pagerduty/routing-key', 'SecureString', rng.hex(32)],
    ['/shared/ami/golden-x86_64', 'String', `ami-${rng.hex(17)}`],
    ['MaintenanceMode', 'String', 'off'],
  ];
  for (const [name, type, text] of shared) {
    addVersion(store, name, {type, text, at: now - rng.int(5, 200) * DAY, user: arn(rng.pick(EDITORS)),
      ...(name.startsWith('/shared/ami/') ? {dataType: 'aws:ec2:image'} : {})});
    store.get(name, 0)?.tags.set('team', 'platform');
  }
  seedPublicParameters(store, now);
}

/** A few of the public parameters AWS publishes (values are illustrative: AMI ids change weekly). */
function seedPublicParameters(store: ParameterStore, now: number): void {
  const ami = '/aws/service/ami-amazon-linux-latest/';
  const regions: [string, string][] = [
    ['us-east-1', 'US East (N. Virginia)'], ['us-west-2', 'US West (Oregon)'], ['eu-west-1', 'Europe (Ireland)'],
    ['eu-central-1', 'Europe (Frankfurt)'], ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ];
  const items: [string, string, string][] = [
    [`${ami}al2023-ami-kernel-default-x86_64`, 'ami-0c101f26f147fa7fd', 'aws:ec2:image'],
    [`${ami}al2023-ami-kernel-default-arm64`, 'ami-0d2d6e1c4b0f7e4a2', 'aws:ec2:image'],
    [`${ami}amzn2-ami-hvm-x86_64-gp2`, 'ami-0a3c3a20c09d6f377', 'aws:ec2:image'],
    ...regions.flatMap(([code, long]): [string, string, string][] => [
      [`/aws/service/global-infrastructure/regions/${code}`, code, 'text'],
      [`/aws/service/global-infrastructure/regions/${code}/longName`, long, 'text'],
    ]),
    ['/aws/service/global-infrastructure/services/ssm/longName', 'AWS Systems Manager', 'text'],
  ];
  for (const [name, text, dataType] of items) {
    addVersion(store, name, {type: 'String', text, at: now - 3 * DAY, user: '', dataType}, true);
  }
}
