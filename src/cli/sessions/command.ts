// `fleetdeck sessions ls [--history]|terminate`: Session Manager sessions without the UI — who is connected to what
// now (or was, 30 days back), and ending someone's session during an incident (audited; read-only refuses).
import {appendAudit} from '../../audit.js';
import {SESSION_FILTER_KEYS, ownerName, type SessionFilter, type SessionFilterKey} from '../../fleet/sessions/session.js';
import type {SessionsApi} from '../../fleet/sessions/port.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {auditIdentity, booleanFlag, positional, runVerb, stringFlag, type Verb} from '../resource-verbs.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** `--filter Target=i-…,Owner=arn…`: DescribeSessions filters by their SSM names. */
function filters(text: string | undefined): SessionFilter[] {
  if (text === undefined) return [];
  return text.split(/\s+/).filter(Boolean).map((term) => {
    const eq = term.indexOf('=');
    const key = term.slice(0, eq);
    if (eq < 1 || !(SESSION_FILTER_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--filter: "${term}" is not KEY=VALUE with a key of ${SESSION_FILTER_KEYS.join(', ')}`);
    }
    return {key: key as SessionFilterKey, value: term.slice(eq + 1)};
  });
}

const ls: Verb<SessionsApi> = async (ctx, api) => {
  positional(ctx, 0, 0, '[--history] [--filter KEY=VALUE…]', 'sessions');
  const f = filters(stringFlag(ctx, 'filter'));
  const rows = await (await api()).port.list(booleanFlag(ctx, 'history') ? 'History' : 'Active', f);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((s) => ({SessionId: s.sessionId, Target: s.target, Status: s.status, StartDate: iso(s.startDate),
      ...(s.endDate !== undefined ? {EndDate: iso(s.endDate)} : {}), DocumentName: s.documentName, Owner: s.owner,
      ...(s.reason ? {Reason: s.reason} : {})}))));
  } else {
    ctx.stdout.write(formatTable(['SESSION', 'TARGET', 'OWNER', 'STATUS', 'STARTED', 'ENDED', 'DOCUMENT', 'REASON'], rows.map((s) => [
      s.sessionId, s.target, ownerName(s.owner), s.status, iso(s.startDate), iso(s.endDate), s.documentName, s.reason])));
  }
  return 0;
};

const terminate: Verb<SessionsApi> = async (ctx, api) => {
  const ids = positional(ctx, 1, 20, 'SESSION-ID [SESSION-ID…]', 'sessions');
  const {port, aws} = await api();
  for (const id of ids) {
    await port.terminate(id);
    appendAudit({action: 'TerminateSession', identity: auditIdentity(aws), sessionId: id, via: 'headless'});
    if (ctx.output !== 'json') ctx.stdout.write(`terminated ${id}\n`);
  }
  if (ctx.output === 'json') ctx.stdout.write(formatJson({Terminated: ids}));
  return 0;
};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'sessions', {ls, terminate}, async (aws) => (await import('../../aws/session-history/sessions-api.js')).sessionsApi(aws));
}
