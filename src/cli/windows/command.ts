// `fleetdeck windows ls|show|executions`: Maintenance Windows without the UI — the windows with their next run, one
// window with its targets and tasks, and its runs (with --execution, each task's per-instance invocations). JSON
// output keeps SSM's field names.
import {WindowError, type WindowsApi} from '../../fleet/windows/port.js';
import {durationText, type WindowSummary, type WindowTargetSpec} from '../../fleet/windows/window.js';
import {redactParameters} from '../../audit.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {UsageError} from '../usage-error.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined || v === '' ? {} : {[k]: v} as Record<K, V>);
const specText = (targets: readonly WindowTargetSpec[]) => targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' ');
const failedRun = (s: string) => s === 'FAILED' || s === 'TIMED_OUT';

function args(ctx: ResourceCommandContext, min: number, max: number, shape: string): readonly string[] {
  if (ctx.args.length < min || ctx.args.length > max) throw new UsageError(`usage: fleetdeck windows ${ctx.verb} ${shape}`);
  return ctx.args;
}

type Verb = (ctx: ResourceCommandContext, api: () => Promise<WindowsApi>) => Promise<number>;

function identityJson(w: WindowSummary) {
  return {WindowId: w.windowId, Name: w.name, ...opt('Description', w.description), Enabled: w.enabled, Schedule: w.schedule,
    ...opt('ScheduleTimezone', w.timeZone), ...opt('ScheduleOffset', w.offsetDays), Duration: w.durationHours, Cutoff: w.cutoffHours,
    ...opt('StartDate', w.startDate), ...opt('EndDate', w.endDate), ...opt('NextExecutionTime', w.nextExecutionAt === undefined ? undefined : iso(w.nextExecutionAt))};
}

const ls: Verb = async (ctx, api) => {
  args(ctx, 0, 0, '');
  const rows = await (await api()).list();
  if (ctx.output === 'json') ctx.stdout.write(formatJson(rows.map(identityJson)));
  else {
    ctx.stdout.write(formatTable(['ID', 'NAME', 'ENABLED', 'SCHEDULE', 'TIME ZONE', 'DURATION', 'NEXT RUN'], rows.map((w) => [
      w.windowId, w.name, w.enabled ? 'yes' : 'no', w.schedule, w.timeZone ?? 'UTC', durationText(w), iso(w.nextExecutionAt)])));
  }
  return 0;
};

const show: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 1, 'WINDOW-ID');
  const port = await api();
  const [w, targets, tasks, runs] = await Promise.all([port.get(id), port.targets(id), port.tasks(id), port.schedule(id, 3)]);
  const params = await Promise.all(tasks.map((t) => port.taskParameters(id, t.windowTaskId)));
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({...identityJson(w), AllowUnassociatedTargets: w.allowUnassociatedTargets, NextRuns: runs.map(iso),
      Targets: targets.map((t) => ({WindowTargetId: t.windowTargetId, ResourceType: t.resourceType, Targets: t.targets, ...opt('Name', t.name),
        ...opt('OwnerInformation', t.ownerInformation)})),
      Tasks: tasks.map((t, n) => ({WindowTaskId: t.windowTaskId, TaskArn: t.taskArn, Type: t.taskType, Targets: t.targets, Priority: t.priority,
        Parameters: redactParameters(params[n] ?? {}),
        ...opt('MaxConcurrency', t.maxConcurrency), ...opt('MaxErrors', t.maxErrors), ...opt('Name', t.name), ...opt('CutoffBehavior', t.cutoffBehavior)}))}));
    return 0;
  }
  const head = formatTable(['FIELD', 'VALUE'], [
    ['Window', w.windowId], ['Name', w.name], ['Description', w.description ?? ''], ['Enabled', w.enabled ? 'yes' : 'no'],
    ['Schedule', `${w.schedule} ${w.timeZone ?? 'UTC'}${w.offsetDays ? ` +${w.offsetDays}d` : ''}`], ['Duration', durationText(w)],
    ['Active', w.startDate || w.endDate ? `${w.startDate ?? ''} → ${w.endDate ?? ''}` : ''], ...runs.map((r, n): [string, string] => [`Next run ${n + 1}`, iso(r)]),
  ].filter(([, v]) => v !== ''));
  const t = targets.length === 0 ? '' : `\n${formatTable(['TARGET', 'NAME', 'TARGETS'], targets.map((x) => [x.windowTargetId, x.name ?? '', specText(x.targets)]))}`;
  const k = tasks.length === 0 ? '' : `\n${formatTable(['TASK', 'PRIORITY', 'TYPE', 'DOCUMENT', 'TARGETS', 'CONCURRENCY', 'ERRORS', 'PARAMETERS'], tasks.map((x, n) => [
    x.windowTaskId, String(x.priority), x.taskType, x.taskArn, specText(x.targets), x.maxConcurrency ?? '', x.maxErrors ?? '',
    Object.entries(redactParameters(params[n] ?? {})).map(([p, v]) => `${p}=${v.join(',')}`).join(' ').replace(/\n/g, '⏎')]))}`;
  ctx.stdout.write(`${head}${t}${k}`);
  return 0;
};

const executions: Verb = async (ctx, api) => {
  const [id = ''] = args(ctx, 1, 1, 'WINDOW-ID [--execution RUN-ID]');
  const execution = typeof ctx.flags['execution'] === 'string' ? ctx.flags['execution'] : undefined;
  const port = await api();
  if (execution === undefined) {
    const rows = await port.executions(id);
    if (ctx.output === 'json') {
      ctx.stdout.write(formatJson(rows.map((e) => ({WindowExecutionId: e.windowExecutionId, WindowId: id, Status: e.status,
        ...opt('StatusDetails', e.statusDetails), ...opt('StartTime', iso(e.startedAt)), ...opt('EndTime', iso(e.endedAt))}))));
    } else {
      ctx.stdout.write(formatTable(['RUN', 'STATUS', 'STARTED', 'ENDED', 'DETAILS'], rows.map((e) => [
        e.windowExecutionId, e.status, iso(e.startedAt), iso(e.endedAt), e.statusDetails ?? ''])));
    }
    return 0;
  }
  const tasks = await port.executionTasks(execution);
  const invocations = await Promise.all(tasks.map((t) => port.invocations(execution, t.taskExecutionId)));
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(tasks.map((t, n) => ({TaskExecutionId: t.taskExecutionId, ...opt('TaskArn', t.taskArn), ...opt('Type', t.taskType),
      Status: t.status, ...opt('StatusDetails', t.statusDetails), ...opt('StartTime', iso(t.startedAt)), ...opt('EndTime', iso(t.endedAt)),
      Invocations: (invocations[n] ?? []).map((i) => ({InvocationId: i.invocationId, ...opt('ExecutionId', i.executionId), ...opt('InstanceId', i.instanceId),
        Status: i.status, ...opt('StatusDetails', i.statusDetails), ...opt('StartTime', iso(i.startedAt)), ...opt('EndTime', iso(i.endedAt))}))}))));
  } else {
    ctx.stdout.write(formatTable(['TASK', 'DOCUMENT', 'INSTANCE', 'STATUS', 'COMMAND', 'ENDED'], tasks.flatMap((t, n) => [
      [t.taskExecutionId, t.taskArn ?? '', '', t.status, '', iso(t.endedAt)],
      ...(invocations[n] ?? []).map((i) => ['', '', i.instanceId ?? '', i.status, i.executionId ?? '', iso(i.endedAt)]),
    ])));
  }
  return tasks.some((t) => failedRun(t.status)) || invocations.flat().some((i) => failedRun(i.status)) ? 1 : 0;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, show, executions};

export async function run(ctx: ResourceCommandContext): Promise<number> {
  const verb = VERBS[ctx.verb];
  if (!verb) throw new UsageError(`fleetdeck windows has no verb "${ctx.verb}"`);
  const api = async () => {
    const aws = await ctx.connect();
    const {windowsApi} = await import('../../aws/windows/window-api.js');
    return windowsApi(aws);
  };
  try {
    return await verb(ctx, api);
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    ctx.stderr.write(`fleetdeck: ${e.message}\n`);
    return e.kind === 'invalid' ? 2 : 1;
  }
}
