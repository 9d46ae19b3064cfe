// Headless commands over several contexts (--profile a,b --region x,y, --context GROUP, --local --accounts N
// --regions a,b): the command runs in every context at once and its outputs merge into one — a table gains ACCOUNT
// and REGION columns first, JSON gains `account`, `region` and `context` on every record (a command that prints one
// object prints one per context). A context that fails is named on stderr with what fixes it, the others' output is
// still printed, and the exit code is not 0. With one context nothing here runs: the output is exactly as it was.
import {Readable, Writable} from 'node:stream';
import type {AwsClients} from '../aws/clients.js';
import type {Context, ContextSet} from '../aws/contexts/context-set.js';
import {isCredentialFailure} from '../aws/contexts/credential-state.js';
import {describeAwsError} from '../aws/errors.js';
import {accountLabel, type ContextSpec, type CredentialState} from '../fleet/contexts/context.js';
import {ResourceError} from '../fleet/resource-error.js';
import {sanitizeMultiline, sanitizeText} from '../fleet/sanitize.js';
import type {Args} from './flags.js';
import {formatAlignedTable, formatJson, formatJsonLine, recordTables, type FormattedTable} from './headless-output.js';
import {UsageError} from './usage-error.js';

/** Where a context's output comes from. */
export interface HeadlessPlace {
  context: string;
  /** The account id, else the context's alias or name: JSON's `account`. */
  accountId: string;
  /** What the ACCOUNT column shows: the alias, else the account id, else the name. */
  account: string;
  region: string;
}

export interface PlacedContext {
  place: HeadlessPlace;
  spec: ContextSpec;
  aws: AwsClients;
}

export interface ContextFailure {
  message: string;
  /** The command that fixes it (`aws sso login --profile …`), when there is one. */
  fix?: string;
  /** The exit code this failure asks for (1 unless the service called the input invalid). */
  code: number;
  /** The thing asked for is not in this context: no failure when another context has it (`show ID`). */
  notFound?: boolean;
}

export type ContextOutcome<T> = {place: HeadlessPlace; ok: true; value: T} | {place: HeadlessPlace; ok: false; failure: ContextFailure};

/** Errors that are the command line's, the same in every context: the whole command stops with exit 2. */
const INPUT_ERRORS = new Set(['UsageError', 'FilterError', 'RunInputError', 'ComplianceFilterError', 'InventoryQueryError']);

/**
 * Whether the flags may select several contexts: then the CLI connects before it checks a command's arguments, to
 * know where it runs. One profile and one region (or none) stay on the single-context path, untouched.
 */
export function maySelectSeveral(args: Pick<Args, 'profile' | 'region' | 'context' | 'local' | 'accounts' | 'regions'>): boolean {
  if (args.local) return (args.accounts ?? 1) > 1 || (args.regions?.length ?? 1) > 1;
  return args.context !== undefined || (args.profile?.includes(',') ?? false) || (args.region?.includes(',') ?? false);
}

const failedState = (s: CredentialState): s is Exclude<CredentialState, {kind: 'valid'} | {kind: 'unknown'}> =>
  s.kind !== 'valid' && s.kind !== 'unknown';

function placeOf(set: ContextSet, c: Context): HeadlessPlace {
  const info = set.info(c.spec.name);
  const id = info?.accountId;
  return {context: c.spec.name, accountId: id ?? c.spec.alias ?? c.spec.name,
    account: info ? accountLabel(info) : c.spec.alias ?? c.spec.name, region: c.spec.region};
}

// Clients of one of several contexts → that context's name, so every audit record says where a change was made.
const contextOfClients = new WeakMap<AwsClients, string>();

/** Who acts, for the audit log: "local" or account · region · profile, and the context when several are open. */
export function auditIdentityOf(aws: AwsClients): string {
  const base = aws.target.kind === 'local' ? 'local' : aws.target.label;
  const context = contextOfClients.get(aws);
  return context === undefined ? base : `${base} · context ${context}`;
}

/** Every context of the set with its place; a context whose account is not known yet is asked first (STS). */
export async function placedContexts(set: ContextSet): Promise<PlacedContext[]> {
  if (set.size > 1) for (const c of set.all()) contextOfClients.set(c.aws, c.spec.name);
  await Promise.all(set.all().map(async (c) => {
    const info = set.info(c.spec.name);
    if (info && info.accountId === undefined && info.credentials.kind === 'unknown') await set.recheck(c.spec.name).catch(() => undefined);
  }));
  return set.all().map((c) => ({place: placeOf(set, c), spec: c.spec, aws: c.aws}));
}

/** What a context's failure says on stderr: the context, its account and region, what failed and what fixes it. */
export function failureLine(place: HeadlessPlace, f: ContextFailure): string {
  // A context whose account is not known (its credentials failed before STS answered) shows its name and region.
  const where = place.account === place.context ? `${place.context} (${place.region})` : `${place.context} (account ${place.account}, ${place.region})`;
  return `fleetdeck: ${sanitizeText(where)}: ${sanitizeMultiline(f.message)}${f.fix !== undefined ? ` — run \`${sanitizeText(f.fix)}\`` : ''}\n`;
}

async function failureOf(set: ContextSet, name: string, err: unknown): Promise<ContextFailure> {
  if (isCredentialFailure(err)) {
    // The context's own check says what the user runs (aws sso login --profile …), not just what the call answered.
    await set.recheck(name).catch(() => undefined);
    const s = set.info(name)?.credentials;
    if (s && failedState(s)) return {message: s.message, ...('command' in s && s.command !== undefined ? {fix: s.command} : {}), code: 1};
  }
  if (err instanceof Error && INPUT_ERRORS.has(err.name)) return {message: err.message, code: 1};
  if (err instanceof ResourceError) {
    return {message: err.message, code: err.kind === 'invalid' ? 2 : 1,
      ...(err.kind === 'not-found' || err.kind === 'version-not-found' ? {notFound: true} : {})};
  }
  return {message: describeAwsError(err), code: 1};
}

/**
 * Runs `fn` in every context at once. A context whose credentials already failed is not asked (its state says why);
 * one whose call fails is that context's failure. An input error (the same in every context) is thrown once all
 * have settled.
 */
export async function inEveryContext<T>(set: ContextSet, contexts: readonly PlacedContext[],
  fn: (c: PlacedContext) => Promise<T>): Promise<ContextOutcome<T>[]> {
  let inputError: unknown;
  const outcomes = await Promise.all(contexts.map(async (c): Promise<ContextOutcome<T>> => {
    const state = set.info(c.spec.name)?.credentials;
    // Signed out, expired or denied: no call can work. Unreachable is tried (STS may be out of reach, SSM not).
    if (state && failedState(state) && state.kind !== 'unreachable') {
      return {place: c.place, ok: false, failure: {message: state.message,
        ...('command' in state && state.command !== undefined ? {fix: state.command} : {}), code: 1}};
    }
    try {
      return {place: c.place, ok: true, value: await fn(c)};
    } catch (e) {
      if (e instanceof Error && INPUT_ERRORS.has(e.name)) inputError ??= e;
      return {place: c.place, ok: false, failure: await failureOf(set, c.spec.name, e)};
    }
  }));
  if (inputError !== undefined && outcomes.every((o) => !o.ok)) throw inputError;
  return outcomes;
}

/**
 * Prints each failed context's line on stderr; the exit code of the whole: the highest any context asked for, where
 * "not found" in one context counts only when no context answered.
 */
export function reportOutcomes(outcomes: readonly ContextOutcome<number>[], stderr: NodeJS.WritableStream): number {
  const answered = outcomes.some((o) => o.ok);
  let code = 0;
  for (const o of outcomes) {
    if (o.ok) code = Math.max(code, o.value);
    else {
      stderr.write(failureLine(o.place, o.failure));
      if (!(answered && o.failure.notFound === true)) code = Math.max(code, o.failure.code);
    }
  }
  return code;
}

/**
 * A change with several contexts selected acts in each only with --all-contexts; a read-only context refuses it.
 * Both are usage errors (exit 2): nothing has been sent.
 */
export function checkChange(what: string, contexts: readonly Pick<PlacedContext, 'spec'>[], allContexts: boolean): void {
  const readOnly = contexts.filter((c) => c.spec.readOnly === true).map((c) => c.spec.name);
  if (readOnly.length > 0) {
    throw new UsageError(`${what} changes something, and context${readOnly.length === 1 ? '' : 's'} ${readOnly.join(', ')} ` +
      `${readOnly.length === 1 ? 'is' : 'are'} read-only (the config's "readOnly"): nothing was sent` +
      (contexts.length > 1 ? '; leave them out with --context' : ''));
  }
  if (contexts.length > 1 && !allContexts) {
    throw new UsageError(`${what} changes something and ${contexts.length} contexts are selected (${contexts.map((c) => c.spec.name).join(', ')}): ` +
      'pick one with --context NAME or a single --profile and --region, or add --all-contexts to act in every one');
  }
}

/** A stream that keeps what is written to it. */
export class Collected extends Writable {
  private readonly parts: string[] = [];

  constructor() {
    super({write: (chunk: Buffer | string, _enc, done) => {
      this.parts.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    }});
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** stderr lines of one context, each starting with `[context] ` so several contexts' messages read apart. */
export function prefixedLines(out: NodeJS.WritableStream, context: string): Writable {
  let partial = '';
  const prefix = `[${sanitizeText(context)}] `;
  return new Writable({
    write: (chunk: Buffer | string, _enc, done) => {
      const text = partial + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (lines.length) out.write(lines.map((l) => `${prefix}${l}\n`).join(''));
      done();
    },
    final: (done) => {
      if (partial) out.write(`${prefix}${partial}\n`);
      done();
    },
  });
}

/** A command's output in one context: its text, and the tables it formatted on the way. */
export interface CapturedOutput {
  text: string;
  tables: FormattedTable[];
}

/** Runs a command with its stdout kept (and its tables recorded) instead of printed. */
export async function captureOutput<T>(fn: (stdout: Writable) => Promise<T>): Promise<{value: T; output: CapturedOutput}> {
  const out = new Collected();
  const {value, tables} = await recordTables(() => fn(out));
  await new Promise<void>((resolve) => out.end(resolve));
  return {value, output: {text: out.text, tables}};
}

/** Reads stdin once, on the first context's read, and gives every context the same bytes. */
export function sharedStdin(stdin: NodeJS.ReadableStream & {isTTY?: boolean}): () => NodeJS.ReadableStream & {isTTY?: boolean} {
  let all: Promise<Buffer> | undefined;
  const readAll = async () => {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    return Buffer.concat(chunks);
  };
  return () => {
    const copy = Readable.from((async function* () {
      yield await (all ??= readAll());
    })()) as Readable & {isTTY?: boolean};
    if (stdin.isTTY) copy.isTTY = true;
    return copy;
  };
}

type Segment = {kind: 'text'; text: string} | {kind: 'table'; table: FormattedTable};

/** The output cut into its tables (those it printed as formatted) and the text around them. */
function segments(out: CapturedOutput): Segment[] {
  const found: Segment[] = [];
  let at = 0;
  for (const table of out.tables) {
    const i = out.text.indexOf(table.text, at);
    if (i < 0) continue;
    if (i > at) found.push({kind: 'text', text: out.text.slice(at, i)});
    found.push({kind: 'table', table});
    at = i + table.text.length;
  }
  if (at < out.text.length) found.push({kind: 'text', text: out.text.slice(at)});
  return found;
}

const shapeOf = (s: readonly Segment[]) => JSON.stringify(s.map((x) => (x.kind === 'table' ? ['t', x.table.titles, x.table.aligns] : ['x', x.text])));

/** Every context's output under a heading that names it (outputs that are not tables of one shape). */
function sections(outputs: readonly {place: HeadlessPlace; text: string}[]): string {
  return outputs.map((o) => `== ${sanitizeText(o.place.context)} · account ${sanitizeText(o.place.account)} · ${sanitizeText(o.place.region)} ==\n` +
    `${o.text}${o.text === '' || o.text.endsWith('\n') ? '' : '\n'}`).join('\n');
}

/** Text outputs: tables of the same shape become one table with ACCOUNT and REGION first; anything else, sections. */
export function mergeText(outputs: readonly {place: HeadlessPlace; output: CapturedOutput}[]): string {
  const cut = outputs.map((o) => ({place: o.place, segments: segments(o.output)}));
  const [first] = cut;
  const tabular = first !== undefined && first.segments.some((s) => s.kind === 'table');
  if (!first || !tabular || cut.some((c) => shapeOf(c.segments) !== shapeOf(first.segments))) {
    return sections(outputs.map((o) => ({place: o.place, text: o.output.text})));
  }
  return first.segments.map((s, n) => {
    if (s.kind === 'text') return s.text;
    const rows = cut.flatMap((c) => {
      const seg = c.segments[n];
      return seg?.kind === 'table' ? seg.table.rows.map((r) => [c.place.account, c.place.region, ...r]) : [];
    });
    return formatAlignedTable(['ACCOUNT', 'REGION', ...s.table.titles], rows, ['left', 'left', ...s.table.aligns]);
  }).join('');
}

/** A record with where it came from first (a value that is not an object is kept under `value`). */
export function placed(value: unknown, place: HeadlessPlace): Record<string, unknown> {
  const where = {account: place.accountId, region: place.region, context: place.context};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {...where, value};
  return {...where, ...Object.fromEntries(Object.entries(value).filter(([k]) => !(k in where)))};
}

/** A command's JSON: one value (pretty-printed, or an array), or JSON lines (one compact value a line). */
function parseJson(text: string): {kind: 'one'; value: unknown} | {kind: 'lines'; values: unknown[]} | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return {kind: 'lines', values: []};
  if (!text.trimStart().startsWith('[')) {
    try {
      return {kind: 'lines', values: lines.map((l) => JSON.parse(l) as unknown)};
    } catch {
      // pretty-printed: its first line ("{") is no value of its own
    }
  }
  try {
    return {kind: 'one', value: JSON.parse(text) as unknown};
  } catch {
    return undefined;
  }
}

/**
 * JSON outputs: arrays become one array whose records carry account, region and context; one object per context
 * becomes an array of them, each placed alike; JSON lines stay lines, each placed.
 */
export function mergeJson(outputs: readonly {place: HeadlessPlace; output: CapturedOutput}[]): string {
  const parsed = outputs.map((o) => ({place: o.place, json: parseJson(o.output.text)}));
  if (parsed.some((p) => p.json === undefined)) return sections(outputs.map((o) => ({place: o.place, text: o.output.text})));
  if (parsed.some((p) => p.json?.kind === 'lines')) {
    return parsed.flatMap((p) => (p.json?.kind === 'lines' ? p.json.values : p.json ? [p.json.value] : [])
      .map((v) => formatJsonLine(placed(v, p.place)))).join('');
  }
  return formatJson(parsed.flatMap((p) => {
    const v = p.json?.kind === 'one' ? p.json.value : undefined;
    return (Array.isArray(v) ? v : [v]).map((x) => placed(x, p.place));
  }));
}

/** CSV whose rows already carry ACCOUNT and REGION (the command added them): one header, every context's rows. */
function mergeCsv(outputs: readonly {output: CapturedOutput}[]): string {
  return outputs.map((o, n) => (n === 0 ? o.output.text : o.output.text.slice(o.output.text.indexOf('\n') + 1))).join('');
}

export type HeadlessFormat = 'table' | 'json' | 'text' | 'csv';

/** Several contexts' captured outputs as one, in the command's format. */
export function mergeOutputs(outputs: readonly {place: HeadlessPlace; output: CapturedOutput}[], format: HeadlessFormat): string {
  return format === 'json' ? mergeJson(outputs) : format === 'csv' ? mergeCsv(outputs) : mergeText(outputs);
}

/**
 * The whole of a read over several contexts: `fn` runs in each with its stdout kept, the outputs merge onto stdout,
 * failures go to stderr, and the exit code is the highest any context returned (1 at least when one failed).
 */
export async function readInEveryContext(set: ContextSet, contexts: readonly PlacedContext[], format: HeadlessFormat,
  io: {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream},
  fn: (c: PlacedContext, stdout: Writable, stderr: Writable) => Promise<number>): Promise<number> {
  const outcomes = await inEveryContext(set, contexts, async (c) => {
    const stderr = prefixedLines(io.stderr, c.spec.name);
    try {
      return await captureOutput((stdout) => fn(c, stdout, stderr));
    } finally {
      stderr.end();
    }
  });
  const printed = outcomes.flatMap((o) => (o.ok ? [{place: o.place, output: o.value.output}] : []));
  if (printed.length > 0) io.stdout.write(mergeOutputs(printed, format));
  return reportOutcomes(outcomes.map((o) => (o.ok ? {...o, value: o.value.value} : o)), io.stderr);
}

/**
 * A read command over the connection's contexts: with one, `fn` prints as it always did; with several, it runs in
 * each and the outputs merge (readInEveryContext). `place` is set only when there are several.
 */
export async function readAcross(conn: {aws: AwsClients; contexts: ContextSet}, format: HeadlessFormat,
  io: {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream},
  fn: (aws: AwsClients, stdout: NodeJS.WritableStream, place?: HeadlessPlace) => Promise<number>): Promise<number> {
  if (conn.contexts.size === 1) return fn(conn.aws, io.stdout);
  const contexts = await placedContexts(conn.contexts);
  return readInEveryContext(conn.contexts, contexts, format, io, (c, stdout) => fn(c.aws, stdout, c.place));
}
