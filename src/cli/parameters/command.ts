// `fleetdeck parameters ls|get|history|diff|put|label|delete`: Parameter Store without the UI. Writes are audited
// (name, version, a digest of the value — never the value); secrets print only with --with-decryption.
import {appendAudit, auditDigest} from '../../audit.js';
import {compileFilter} from '../../fleet/filter.js';
import {lineDiff} from '../../fleet/parameters/line-diff.js';
import {type ParameterType, type ParameterVersion} from '../../fleet/parameters/parameter.js';
import {parameterFilterSchema} from '../../fleet/parameters/parameter-filter.js';
import type {ParameterPort} from '../../fleet/parameters/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {ResourceCommandContext} from '../resources.js';
import {UsageError} from '../usage-error.js';
import {auditIdentity, booleanFlag, positional, runVerb, stringFlag, type Verb as ResourceVerb} from '../resource-verbs.js';
import {formatDiff, formatHistory, formatListing, formatVersion, shownValue} from './format.js';
import {readValue} from './value-input.js';

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

type Verb = ResourceVerb<ParameterPort>;
const str = stringFlag;
const bool = booleanFlag;
const args = (ctx: ResourceCommandContext, min: number, max: number, shape: string) => positional(ctx, min, max, shape, 'parameters');

/** `NAME`, `NAME:3` (a version) or `NAME:label`, as GetParameter takes them. */
function splitSelector(ref: string): {name: string; selector?: string} {
  const at = ref.indexOf(':', 1);
  return at < 0 ? {name: ref} : {name: ref.slice(0, at), selector: ref.slice(at)};
}

const ls: Verb = async (ctx, api) => {
  const [path = '/'] = args(ctx, 0, 1, '[PATH] [--recursive] [--filter EXPR]');
  const filterText = str(ctx, 'filter');
  const filter = filterText !== undefined ? compileFilter(filterText, parameterFilterSchema) : undefined;
  if (filter && !filter.ok) throw new UsageError(`--filter: ${filter.error}`);
  const {port} = await api();
  const keep = filter?.ok ? filter.predicate : () => true;
  if (bool(ctx, 'recursive') || filter) {
    const all = await port.listAll(path);
    ctx.stdout.write(formatListing({path, parameters: all.filter(keep).sort((a, b) => (a.name < b.name ? -1 : 1))}, ctx.output));
  } else {
    ctx.stdout.write(formatListing(await port.listLevel(path), ctx.output));
  }
  return 0;
};

const get: Verb = async (ctx, api) => {
  const [ref = ''] = args(ctx, 1, 1, 'NAME[:VERSION|:LABEL] [--with-decryption]');
  const {name, selector} = splitSelector(ref);
  const {port} = await api();
  const v = await port.get(name, {decrypt: bool(ctx, 'withDecryption'), ...(selector ? {selector} : {})});
  // GetParameter says neither who wrote the version nor its labels: the history (without values) does.
  const h = (await port.history(name, {decrypt: false})).find((x) => x.version === v.version);
  ctx.stdout.write(formatVersion(h ? {...v, labels: h.labels, lastModifiedUser: h.lastModifiedUser} : v, ctx.output));
  return 0;
};

const history: Verb = async (ctx, api) => {
  const [name = ''] = args(ctx, 1, 1, 'NAME [--with-decryption]');
  const {port} = await api();
  ctx.stdout.write(formatHistory(await port.history(name, {decrypt: bool(ctx, 'withDecryption')}), ctx.output));
  return 0;
};

/** Exit 0 when the two are the same, 1 when they differ (as diff(1)). */
const diff: Verb = async (ctx, api) => {
  const [a = '', b = ''] = args(ctx, 2, 2, 'A B  (each NAME, NAME:VERSION or NAME:LABEL) [--with-decryption]');
  const {port} = await api();
  const decrypt = bool(ctx, 'withDecryption');
  const read = async (ref: string): Promise<ParameterVersion> => {
    const {name, selector} = splitSelector(ref);
    return port.get(name, {decrypt, ...(selector ? {selector} : {})});
  };
  const [va, vb] = await Promise.all([read(a), read(b)]);
  const ta = shownValue(va.value);
  const tb = shownValue(vb.value);
  if (ta === undefined || tb === undefined) {
    throw new UsageError(`${ta === undefined ? a : b} is a SecureString: add --with-decryption to compare secrets`);
  }
  const lines = lineDiff(ta, tb);
  ctx.stdout.write(formatDiff(`${va.name}:${va.version}`, `${vb.name}:${vb.version}`, lines, ctx.output));
  return lines.every((l) => l.kind === 'same') ? 0 : 1;
};

const put: Verb = async (ctx, api) => {
  const [name = ''] = args(ctx, 1, 1, 'NAME --type TYPE [--value-file F] [--overwrite] [--if-version N]  (the value on stdin)');
  const type = str(ctx, 'type');
  if (type !== undefined && !TYPES.includes(type as ParameterType)) {
    throw new UsageError(`--type must be String, StringList or SecureString (got "${type}")`);
  }
  const ifVersionText = str(ctx, 'ifVersion');
  if (ifVersionText !== undefined && !/^\d{1,6}$/.test(ifVersionText)) {
    throw new UsageError(`--if-version is the version you read (0: only create), a whole number (got "${ifVersionText}")`);
  }
  const overwrite = bool(ctx, 'overwrite') || (ifVersionText !== undefined && ifVersionText !== '0');
  if (type === undefined && !overwrite) throw new UsageError('put needs --type for a new parameter (String, StringList or SecureString)');
  const value = await readValue(str(ctx, 'valueFile'), ctx.stdin);
  const {port, aws} = await api();
  const description = str(ctx, 'description');
  const tier = str(ctx, 'tier');
  const keyId = str(ctx, 'keyId');
  const outcome = await port.put({
    name, value, overwrite, ...(type ? {type: type as ParameterType} : {}),
    ...(description !== undefined ? {description} : {}), ...(keyId !== undefined ? {keyId} : {}),
    ...(tier !== undefined ? {tier: tier as 'Standard'} : {}),
    ...(ifVersionText !== undefined ? {ifVersion: Number(ifVersionText)} : {}),
  });
  if (outcome.kind === 'conflict') {
    const cur = outcome.current;
    ctx.stderr.write(`fleetdeck: ${sanitizeText(name)} was not written: it is at version ${cur?.version ?? 'none (deleted)'}` +
      `${cur?.lastModifiedUser ? `, written by ${sanitizeText(cur.lastModifiedUser)}` : ''}, not ${outcome.expected}. ` +
      'Read it again (fleetdeck parameters get) and retry with --if-version set to what you read.\n');
    return 1;
  }
  appendAudit({action: 'PutParameter', identity: auditIdentity(aws), name, version: outcome.version,
    type: type ?? 'unchanged', valueDigest: auditDigest(value), via: 'headless'});
  ctx.stdout.write(ctx.output === 'json' ? `${JSON.stringify({Name: name, Version: outcome.version, Tier: outcome.tier ?? 'Standard'})}\n`
    : `${sanitizeText(name)}: version ${outcome.version}${outcome.interleaved ? ' (another write landed just before this one)' : ''}\n`);
  return 0;
};

const label: Verb = async (ctx, api) => {
  const [name = '', version = '', ...labels] = args(ctx, 3, 12, 'NAME VERSION LABEL [LABEL…] [--remove]');
  if (!/^\d+$/.test(version)) throw new UsageError(`the version is a whole number (got "${version}")`);
  const {port, aws} = await api();
  const remove = bool(ctx, 'remove');
  const res = remove ? await port.unlabel(name, Number(version), labels) : await port.label(name, Number(version), labels);
  appendAudit({action: remove ? 'UnlabelParameterVersion' : 'LabelParameterVersion', identity: auditIdentity(aws), name,
    version: Number(version), labels, invalid: res.invalid, via: 'headless'});
  if (res.invalid.length) ctx.stderr.write(`fleetdeck: labels refused as invalid: ${res.invalid.map(sanitizeText).join(', ')}\n`);
  ctx.stdout.write(ctx.output === 'json' ? `${JSON.stringify({Name: name, Version: Number(version), InvalidLabels: res.invalid})}\n`
    : `${sanitizeText(name)}:${version} ${remove ? 'unlabelled' : 'labelled'} ${labels.filter((l) => !res.invalid.includes(l)).map(sanitizeText).join(', ')}\n`);
  return res.invalid.length ? 1 : 0;
};

const del: Verb = async (ctx, api) => {
  const names = args(ctx, 1, 1000, 'NAME [NAME…]');
  const {port, aws} = await api();
  const res = await port.delete(names);
  appendAudit({action: 'DeleteParameters', identity: auditIdentity(aws), names: res.deleted, missing: res.missing, via: 'headless'});
  if (ctx.output === 'json') ctx.stdout.write(`${JSON.stringify({DeletedParameters: res.deleted, InvalidParameters: res.missing})}\n`);
  else for (const n of res.deleted) ctx.stdout.write(`deleted ${sanitizeText(n)}\n`);
  for (const n of res.missing) ctx.stderr.write(`fleetdeck: ${sanitizeText(n)} does not exist\n`);
  return res.missing.length ? 1 : 0;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, get, history, diff, put, label, delete: del};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'parameters', VERBS, async (aws) => (await import('../../aws/parameters/parameter-api.js')).parameterApi(aws));
}
