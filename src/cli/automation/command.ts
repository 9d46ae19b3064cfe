// `fleetdeck automation ls|show|start|approve|stop`: Automation without the UI — executions, one execution with its
// steps, start a runbook (checked against its parameters first; --wait follows it to its end), approve or reject its
// approval step, stop it. Changes are audited; exit codes say how a waited-for run ended.
import {appendAudit, redactParameters} from '../../audit.js';
import {exitCodeFor, isTerminalStatus, type ExecutionDetail, type ExecutionSummary} from '../../fleet/automation/execution.js';
import {AutomationError, type AutomationApi, type ExecutionFilter} from '../../fleet/automation/port.js';
import {runbookOutline} from '../../fleet/automation/runbook.js';
import {instanceParameter, openStartForm, startRequest, withSchema} from '../../fleet/automation/start-form.js';
import {parseParameterArgs} from '../../fleet/run-command/document-params.js';
import {DocumentError} from '../../fleet/documents/port.js';
import type {AwsClients} from '../../aws/clients.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {auditIdentityOf} from '../contexts-headless.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const str = (ctx: ResourceCommandContext, k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);
const POLL_MS = 1_000;

function args(ctx: ResourceCommandContext, n: number, shape: string): readonly string[] {
  if (ctx.args.length !== n) throw new UsageError(`usage: fleetdeck automation ${ctx.verb} ${shape}`);
  return ctx.args;
}

interface Api {port: AutomationApi; aws: AwsClients}
type Verb = (ctx: ResourceCommandContext, api: () => Promise<Api>) => Promise<number>;

const identity = (aws: AwsClients) => auditIdentityOf(aws);

function summaryJson(e: ExecutionSummary) {
  return {AutomationExecutionId: e.executionId, DocumentName: e.documentName, DocumentVersion: e.documentVersion, AutomationExecutionStatus: e.status,
    Mode: e.mode, ExecutedBy: e.executedBy, ExecutionStartTime: iso(e.startedAt), ...(e.endedAt !== undefined ? {ExecutionEndTime: iso(e.endedAt)} : {}),
    ...(e.currentStepName ? {CurrentStepName: e.currentStepName, CurrentAction: e.currentAction} : {}),
    ...(e.parentExecutionId ? {ParentAutomationExecutionId: e.parentExecutionId} : {}),
    ...(e.targets.length ? {Targets: e.targets.map((t) => ({Key: t.key, Values: t.values})), TargetParameterName: e.targetParameterName,
      MaxConcurrency: e.maxConcurrency, MaxErrors: e.maxErrors, ResolvedTargets: {ParameterValues: [], Truncated: false}} : {}),
    ...(e.failureMessage ? {FailureMessage: e.failureMessage} : {})};
}

function detailJson(d: ExecutionDetail) {
  return {...summaryJson(d), Parameters: d.parameters, Outputs: d.outputs, StepExecutions: d.steps.map((s) => ({StepName: s.stepName, Action: s.action,
    StepStatus: s.status, StepExecutionId: s.stepExecutionId, ExecutionStartTime: iso(s.startedAt), ...(s.endedAt !== undefined ? {ExecutionEndTime: iso(s.endedAt)} : {}),
    Inputs: s.inputs, Outputs: s.outputs, ...(s.failureMessage ? {FailureMessage: s.failureMessage} : {})})),
    ...(d.progress ? {ProgressCounters: {TotalSteps: d.progress.total, SuccessSteps: d.progress.success, FailedSteps: d.progress.failed,
      CancelledSteps: d.progress.cancelled, TimedOutSteps: d.progress.timedOut}} : {})};
}

const ls: Verb = async (ctx, api) => {
  args(ctx, 0, '[--status STATUS] [--runbook NAME-PREFIX]');
  const filters: ExecutionFilter[] = [];
  const status = str(ctx, 'status');
  const runbook = str(ctx, 'runbook');
  if (status) filters.push({key: 'ExecutionStatus', values: [status]});
  if (runbook) filters.push({key: 'DocumentNamePrefix', values: [runbook]});
  const {port} = await api();
  const rows = (await port.listExecutions({filters, maxResults: 50})).executions;
  if (ctx.output === 'json') ctx.stdout.write(formatJson(rows.map(summaryJson)));
  else {
    ctx.stdout.write(formatTable(['EXECUTION', 'RUNBOOK', 'STATUS', 'MODE', 'STARTED BY', 'START', 'END', 'CURRENT STEP'], rows.map((e) => [
      e.executionId, e.documentName, e.status, e.mode, e.executedBy.slice(e.executedBy.lastIndexOf('/') + 1), iso(e.startedAt), iso(e.endedAt),
      e.currentStepName ? `${e.currentStepName} (${e.currentAction})` : ''])));
  }
  return 0;
};

function writeDetail(ctx: ResourceCommandContext, d: ExecutionDetail): void {
  if (ctx.output === 'json') return void ctx.stdout.write(formatJson(detailJson(d)));
  ctx.stdout.write(formatTable(['FIELD', 'VALUE'], [
    ['Execution', d.executionId], ['Runbook', `${d.documentName}:${d.documentVersion}`], ['Status', d.status], ['Mode', d.mode],
    ['Started by', d.executedBy], ['Start', iso(d.startedAt)], ['End', iso(d.endedAt)], ['Failure', d.failureMessage.replace(/\n/g, '⏎')],
    ...Object.entries(d.parameters).map(([k, v]): [string, string] => [`Parameter ${k}`, v.join(',')]),
    ...Object.entries(d.outputs).map(([k, v]): [string, string] => [`Output ${k}`, v.join(',')]),
  ].filter(([, v]) => v !== '')));
  ctx.stdout.write('\n');
  ctx.stdout.write(formatTable(['STEP', 'ACTION', 'STATUS', 'START', 'END', 'FAILURE'], d.steps.map((s) => [
    s.stepName, s.action, s.status, iso(s.startedAt), iso(s.endedAt), (s.failureMessage.split('\n')[0] ?? '')])));
}

const show: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 'EXECUTION-ID [--wait]');
  const {port} = await api();
  if (ctx.flags['wait'] === true) return waitFor(ctx, port, id);
  writeDetail(ctx, await port.getExecution(id));
  return 0;
};

async function waitFor(ctx: ResourceCommandContext, port: AutomationApi, id: string): Promise<number> {
  const timeout = str(ctx, 'timeout');
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new UsageError(`--timeout is in seconds (got "${timeout}")`);
  const deadline = timeout === undefined ? Infinity : Date.now() + Number(timeout) * 1000;
  let last = '';
  for (;;) {
    const d = await port.getExecution(id);
    if (ctx.output === 'table' && d.status !== last) ctx.stderr.write(`${id}: ${d.status}${d.currentStepName ? ` (${d.currentStepName})` : ''}\n`);
    last = d.status;
    if (isTerminalStatus(d.status)) {
      writeDetail(ctx, d);
      return exitCodeFor(d.status);
    }
    if (Date.now() >= deadline) {
      ctx.stderr.write(`fleetdeck: ${id} is still ${d.status} after ${timeout}s\n`);
      return 4;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const start: Verb = async (ctx, api) => {
  const [runbook = ''] = args(ctx, 1, 'RUNBOOK [--parameter k=v …] [--targets EXPR] [--max-concurrency N] [--max-errors N] [--mode Auto|Interactive] [--wait]');
  const given = parseParameterArgs(Array.isArray(ctx.flags['parameter']) ? (ctx.flags['parameter'] as unknown[]).map(String) : []);
  if (!given.ok) throw new UsageError(given.error);
  const mode = str(ctx, 'mode') ?? 'Auto';
  if (mode !== 'Auto' && mode !== 'Interactive') throw new UsageError(`--mode is Auto or Interactive (got "${mode}")`);
  const {port, aws} = await api();
  const {documentsApi} = await import('../../aws/documents/document-api.js');
  const content = await documentsApi(aws).content(runbook);
  const outline = runbookOutline(content.content, content.format);
  let form = withSchema(openStartForm(runbook, []), outline.params);
  const targets = str(ctx, 'targets');
  form = {...form, mode, values: Object.fromEntries(Object.entries(given.value).map(([k, v]) => [k, v.join(',')])),
    targetText: targets ?? '', targetParameterName: str(ctx, 'targetParameter') ?? instanceParameter(outline.params) ?? '',
    maxConcurrency: str(ctx, 'maxConcurrency') ?? '10', maxErrors: str(ctx, 'maxErrors') ?? '1'};
  const check = startRequest(form);
  if (!check.ok) throw new UsageError(check.errors.join('\n'));
  const req = check.request;
  const id = await port.start(req);
  appendAudit({action: 'StartAutomationExecution', identity: identity(aws), executionId: id, runbook, mode, targets: req.targets,
    targetParameterName: req.targetParameterName, parameters: redactParameters(Object.fromEntries(Object.entries(req.parameters ?? {}).map(([k, v]) => [k, [...v]]))), via: 'headless'});
  if (ctx.flags['wait'] === true) {
    if (ctx.output === 'table') ctx.stderr.write(`started ${runbook}: ${id}\n`);
    return waitFor(ctx, port, id);
  }
  ctx.stdout.write(ctx.output === 'json' ? formatJson({AutomationExecutionId: id}) : `${id}\n`);
  return 0;
};

const approve: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 'EXECUTION-ID [--comment TEXT] [--reject]');
  const type = ctx.flags['reject'] === true ? 'Reject' : 'Approve';
  const comment = str(ctx, 'comment') ?? '';
  const {port, aws} = await api();
  await port.signal(id, {type, comment});
  appendAudit({action: `SendAutomationSignal:${type}`, identity: identity(aws), executionId: id, comment, via: 'headless'});
  ctx.stdout.write(ctx.output === 'json' ? formatJson({AutomationExecutionId: id, SignalType: type}) : `${type === 'Approve' ? 'approved' : 'rejected'} ${id}\n`);
  return 0;
};

const stop: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 'EXECUTION-ID');
  const {port, aws} = await api();
  await port.stop(id, 'Cancel');
  appendAudit({action: 'StopAutomationExecution', identity: identity(aws), executionId: id, type: 'Cancel', via: 'headless'});
  ctx.stdout.write(ctx.output === 'json' ? formatJson({AutomationExecutionId: id, Type: 'Cancel'}) : `stopping ${id}\n`);
  return 0;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, show, start, approve, stop};

export async function run(ctx: ResourceCommandContext): Promise<number> {
  const verb = VERBS[ctx.verb];
  if (!verb) throw new UsageError(`fleetdeck automation has no verb "${ctx.verb}"`);
  const api = async () => {
    const aws = await ctx.connect();
    const {automationApi} = await import('../../aws/automation/automation-api.js');
    return {port: automationApi(aws), aws};
  };
  try {
    return await verb(ctx, api);
  } catch (e) {
    if (!(e instanceof AutomationError) && !(e instanceof DocumentError)) throw e;
    ctx.stderr.write(`fleetdeck: ${e.message}\n`);
    return e instanceof AutomationError && e.kind === 'invalid' ? 2 : 1;
  }
}
