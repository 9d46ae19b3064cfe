// Run Command on the local fleet through the real SDK: every status, rate controls, output, env, close().

import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CancelCommandCommand, GetCommandInvocationCommand, SendCommandCommand, type SendCommandCommandInput} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type FleetNode, type LocalFleet} from '../../../../src/local/index.js';
import {OUTPUT_TRUNCATED_MARKER, runCommandStore} from '../../../../src/local/ssm/run-command/operations.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {getCommand, invocations, linuxNodes, waitFor, waitForCommand, waitForInvocation} from '../../../helpers/run-command.js';
import {isAlive} from '../../../helpers/processes.js';

let fleet: LocalFleet;
let c: FleetClients;
let linux: FleetNode[];
let scratch: string;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 60, seed: 'run-command-tests'});
  c = fleetClients(fleet);
  linux = linuxNodes(fleet);
  expect(linux.length).toBeGreaterThanOrEqual(8);
  scratch = mkdtempSync(join(tmpdir(), 'fleetdeck-rc-test-'));
});
afterAll(async () => {
  await fleet.close();
  rmSync(scratch, {recursive: true, force: true});
});

const node = (i: number): FleetNode => linux[i] as FleetNode;

async function send(commands: string[], input: Partial<SendCommandCommandInput> = {}, extra: Record<string, string[]> = {}): Promise<string> {
  const out = await c.ssm.send(new SendCommandCommand({
    DocumentName: 'AWS-RunShellScript',
    InstanceIds: [node(0).instanceId],
    Parameters: {commands, ...extra},
    ...input,
  }));
  const id = out.Command?.CommandId;
  if (id === undefined) throw new Error('no CommandId');
  return id;
}

describe('SendCommand response', () => {
  it('echoes the request with SSM\'s empty values and ExpiresAfter = Requested + TimeoutSeconds + executionTimeout', async () => {
    const out = await c.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', InstanceIds: [node(0).instanceId], Parameters: {commands: ['true']}, TimeoutSeconds: 600, Comment: 'hello',
    }));
    const cmd = out.Command;
    expect(cmd).toMatchObject({
      DocumentName: 'AWS-RunShellScript', DocumentVersion: '', Comment: 'hello', InstanceIds: [node(0).instanceId], Targets: [],
      Status: 'Pending', StatusDetails: 'Pending', TargetCount: 1, CompletedCount: 0, ErrorCount: 0, DeliveryTimedOutCount: 0,
      MaxConcurrency: '50', MaxErrors: '0', OutputS3BucketName: '', ServiceRole: '', TimeoutSeconds: 600,
      NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
      CloudWatchOutputConfig: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false},
      Parameters: {commands: ['true'], workingDirectory: [''], executionTimeout: ['3600']},
    });
    expect(cmd?.CommandId).toMatch(/^[0-9a-f-]{36}$/);
    const requested = cmd?.RequestedDateTime?.getTime() ?? 0;
    expect((cmd?.ExpiresAfter?.getTime() ?? 0) - requested).toBe((600 + 3600) * 1000);
    await waitForCommand(c.ssm, cmd?.CommandId ?? '');
  });
});

describe('GetCommandInvocation right after SendCommand', () => {
  it('can answer InvocationDoesNotExist for a short while, as SSM does (opt-in)', async () => {
    const store = runCommandStore(fleet.model);
    store.invocationVisibleAfterMs = 150;
    try {
      const id = await send(['true']);
      await expectSdkError(c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: node(0).instanceId})), 'InvocationDoesNotExist');
      const inv = await waitFor(
        () => c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: node(0).instanceId})).catch(() => undefined),
        (o) => o?.StatusDetails === 'Success',
      );
      expect(inv?.ResponseCode).toBe(0);
    } finally {
      store.invocationVisibleAfterMs = 0;
    }
  });
});

describe('statuses', () => {
  it('Success: exit 0, output, ISO dates and a PT…S elapsed time; the node\'s identity is in the environment', async () => {
    const n = node(0);
    const id = await send(['echo "id=$FLEETDECK_INSTANCE_ID ssm=$AWS_SSM_INSTANCE_ID"', 'echo "name=$FLEETDECK_NAME"', 'echo "env=$FLEETDECK_TAG_Env"', 'pwd', 'echo "aws=${AWS_SECRET_ACCESS_KEY:-unset}"']);
    const inv = await waitForInvocation(c.ssm, id, n.instanceId);
    expect(inv).toMatchObject({Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, PluginName: 'aws:runShellScript', StandardErrorContent: ''});
    const lines = (inv.StandardOutputContent ?? '').split('\n');
    expect(lines[0]).toBe(`id=${n.instanceId} ssm=${n.instanceId}`);
    expect(lines[1]).toBe(`name=${n.name.replace(/\0/g, '')}`);
    expect(lines[2]).toBe(`env=${n.tags['Env'] ?? ''}`);
    expect(lines[3]).toContain(`fleetdeck-local-${process.pid}-`);
    expect(lines[3]?.endsWith(`/${n.instanceId}`)).toBe(true);
    expect(lines[4]).toBe('aws=unset'); // the endpoint's own environment never reaches scripts
    expect(inv.ExecutionStartDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(inv.ExecutionEndDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(inv.ExecutionElapsedTime).toMatch(/^PT\d+(\.\d+)?S$/);
    const cmd = await waitForCommand(c.ssm, id);
    expect(cmd).toMatchObject({Status: 'Success', StatusDetails: 'Success', CompletedCount: 1, ErrorCount: 0});
  });

  it('honours workingDirectory; a missing one fails the invocation', async () => {
    const dir = realpathSync(scratch);
    const id = await send(['pwd', 'echo made > here.txt'], {}, {workingDirectory: [dir]});
    const inv = await waitForInvocation(c.ssm, id, node(0).instanceId);
    expect(inv.StatusDetails).toBe('Success');
    expect(inv.StandardOutputContent).toBe(`${dir}\n`);
    expect(readFileSync(join(dir, 'here.txt'), 'utf8')).toBe('made\n');
    const bad = await send(['pwd'], {}, {workingDirectory: [join(dir, 'does-not-exist')]});
    const failed = await waitForInvocation(c.ssm, bad, node(0).instanceId);
    expect(failed).toMatchObject({Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 1});
    expect(failed.StandardErrorContent).toContain('does-not-exist');
  });

  it('a process that escapes the group and holds the output pipes does not keep the invocation open', async () => {
    const id = await send(['setsid sleep 5 &', 'echo "escaped=$!"']);
    const inv = await waitForInvocation(c.ssm, id, node(0).instanceId);
    expect(inv.StatusDetails).toBe('Success');
    const pid = Number(/escaped=(\d+)/.exec(inv.StandardOutputContent ?? '')?.[1]);
    if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('Failed: the exit code is the ResponseCode and the agent\'s line starts stderr', async () => {
    const id = await send(['echo out', 'echo err >&2', 'exit 3']);
    const inv = await waitForInvocation(c.ssm, id, node(0).instanceId);
    expect(inv).toMatchObject({Status: 'Failed', StatusDetails: 'Failed', ResponseCode: 3, StandardOutputContent: 'out\n'});
    expect(inv.StandardErrorContent).toBe('failed to run commands: exit status 3\nerr\n');
    expect(await waitForCommand(c.ssm, id)).toMatchObject({Status: 'Failed', StatusDetails: 'Failed', ErrorCount: 1, CompletedCount: 1});
  });

  it('ExecutionTimedOut: the whole process group is killed at executionTimeout (ResponseCode 137)', async () => {
    const pidFile = join(scratch, 'bg.pid');
    const id = await send([`sleep 30 & echo $! > ${pidFile}`, 'echo started', 'wait'], {}, {executionTimeout: ['1']});
    const inv = await waitForInvocation(c.ssm, id, node(0).instanceId);
    expect(inv).toMatchObject({Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut', ResponseCode: 137, StandardOutputContent: 'started\n'});
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(async () => isAlive(pid), (alive) => !alive);
    expect(await waitForCommand(c.ssm, id)).toMatchObject({Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut', ErrorCount: 1});
  });

  it('DeliveryTimedOut: a ConnectionLost node stays InProgress until ExpiresAfter', async () => {
    const lost = node(7);
    fleet.model.setPingStatus(lost.instanceId, 'ConnectionLost');
    try {
      const id = await send(['echo never'], {InstanceIds: [lost.instanceId], TimeoutSeconds: 30}, {executionTimeout: ['1']});
      const before = await waitForInvocation(c.ssm, id, lost.instanceId, (o) => o.StatusDetails === 'InProgress');
      expect(before).toMatchObject({ResponseCode: -1, ExecutionStartDateTime: '', StandardOutputContent: ''});
      runCommandStore(fleet.model).advanceClock(31_000);
      const inv = await waitForInvocation(c.ssm, id, lost.instanceId);
      expect(inv).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', ResponseCode: -1});
      expect(await getCommand(c.ssm, id)).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', DeliveryTimedOutCount: 1, CompletedCount: 1, ErrorCount: 0});
    } finally {
      fleet.model.setPingStatus(lost.instanceId, 'Online');
    }
  });

  it('a ConnectionLost node does not hold up the others; the command ends TimedOut/DeliveryTimedOut', async () => {
    const lost = node(7);
    fleet.model.setPingStatus(lost.instanceId, 'ConnectionLost');
    try {
      const ids = [lost.instanceId, node(1).instanceId, node(2).instanceId];
      const id = await send(['true'], {InstanceIds: ids, TimeoutSeconds: 30}, {executionTimeout: ['1']});
      await waitFor(() => invocations(c.ssm, id), (l) => l.filter((i) => i.StatusDetails === 'Success').length === 2);
      expect(await getCommand(c.ssm, id)).toMatchObject({Status: 'InProgress', CompletedCount: 2, TargetCount: 3});
      runCommandStore(fleet.model).advanceClock(31_000);
      const cmd = await waitForCommand(c.ssm, id);
      expect(cmd).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', CompletedCount: 3, DeliveryTimedOutCount: 1, ErrorCount: 0});
    } finally {
      fleet.model.setPingStatus(lost.instanceId, 'Online');
    }
  });

  it('DeliveryTimedOut when the delivery timeout (TimeoutSeconds) passes, not only at ExpiresAfter', async () => {
    const lost = node(7);
    fleet.model.setPingStatus(lost.instanceId, 'ConnectionLost');
    try {
      // The default executionTimeout (3600 s): ExpiresAfter is an hour away, the delivery timeout 30 s.
      const id = await send(['echo never'], {InstanceIds: [lost.instanceId], TimeoutSeconds: 30});
      await waitForInvocation(c.ssm, id, lost.instanceId, (o) => o.StatusDetails === 'InProgress');
      runCommandStore(fleet.model).advanceClock(31_000);
      const inv = await waitForInvocation(c.ssm, id, lost.instanceId);
      expect(inv).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', ResponseCode: -1, ExecutionStartDateTime: ''});
      expect(await getCommand(c.ssm, id)).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', DeliveryTimedOutCount: 1, ErrorCount: 0});
    } finally {
      fleet.model.setPingStatus(lost.instanceId, 'Online');
    }
  });

  it('lost nodes holding the concurrency slots: what never started ends DeliveryTimedOut at the delivery timeout', async () => {
    const lost = [node(7), node(8)];
    for (const n of lost) fleet.model.setPingStatus(n.instanceId, 'ConnectionLost');
    try {
      const ids = [lost[0]?.instanceId ?? '', lost[1]?.instanceId ?? '', node(1).instanceId];
      const id = await send(['true'], {InstanceIds: ids, TimeoutSeconds: 30, MaxConcurrency: '1'});
      await waitForInvocation(c.ssm, id, ids[0] ?? '', (o) => o.StatusDetails === 'InProgress');
      expect((await invocations(c.ssm, id)).map((i) => i.StatusDetails)).toEqual(['InProgress', 'Pending', 'Pending']);
      runCommandStore(fleet.model).advanceClock(31_000);
      const cmd = await waitForCommand(c.ssm, id);
      expect(cmd).toMatchObject({Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', CompletedCount: 3, DeliveryTimedOutCount: 3, ErrorCount: 0});
      expect((await invocations(c.ssm, id)).map((i) => i.StatusDetails)).toEqual(['DeliveryTimedOut', 'DeliveryTimedOut', 'DeliveryTimedOut']);
    } finally {
      for (const n of lost) fleet.model.setPingStatus(n.instanceId, 'Online');
    }
  });

  it('a node that comes back Online before the delivery timeout runs the command then', async () => {
    const n = node(6);
    fleet.model.setPingStatus(n.instanceId, 'ConnectionLost');
    const id = await send(['echo delivered'], {InstanceIds: [n.instanceId]});
    await waitForInvocation(c.ssm, id, n.instanceId, (o) => o.StatusDetails === 'InProgress');
    fleet.model.setPingStatus(n.instanceId, 'Online');
    const inv = await waitForInvocation(c.ssm, id, n.instanceId);
    expect(inv).toMatchObject({StatusDetails: 'Success', StandardOutputContent: 'delivered\n'});
  });

  it('Cancelled: CancelCommand kills what runs and cancels what is queued', async () => {
    const ids = [node(1).instanceId, node(2).instanceId, node(3).instanceId];
    const id = await send(['sleep 20'], {InstanceIds: ids, MaxConcurrency: '1'});
    await waitForInvocation(c.ssm, id, ids[0] ?? '', (o) => o.StatusDetails === 'InProgress' && o.ExecutionStartDateTime !== '');
    await c.ssm.send(new CancelCommandCommand({CommandId: id}));
    const cmd = await waitForCommand(c.ssm, id);
    expect(cmd).toMatchObject({Status: 'Cancelled', StatusDetails: 'Cancelled', CompletedCount: 3, ErrorCount: 0});
    const invs = await invocations(c.ssm, id);
    expect(invs.map((i) => [i.InstanceId, i.Status, i.StatusDetails])).toEqual(ids.map((i) => [i, 'Cancelled', 'Cancelled']));
    const first = await c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: ids[0]}));
    expect(first.ResponseCode).toBe(137);
    const queued = await c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: ids[2]}));
    expect(queued).toMatchObject({ResponseCode: -1, ExecutionStartDateTime: ''});
    expect(runCommandStore(fleet.model).runningProcesses).toBe(0);
  });

  it('Terminated: after the MaxErrors threshold, invocations never sent end Terminated', async () => {
    const ids = [1, 2, 3, 4, 5].map((i) => node(i).instanceId);
    const id = await send(['exit 1'], {InstanceIds: ids, MaxConcurrency: '1', MaxErrors: '0'});
    const cmd = await waitForCommand(c.ssm, id);
    expect(cmd).toMatchObject({Status: 'Failed', StatusDetails: 'Failed', TargetCount: 5, CompletedCount: 5, ErrorCount: 1});
    const invs = await invocations(c.ssm, id, true);
    expect(invs.map((i) => i.StatusDetails)).toEqual(['Failed', 'Terminated', 'Terminated', 'Terminated', 'Terminated']);
    expect(invs[1]?.CommandPlugins?.[0]).toMatchObject({ResponseCode: -1, Output: ''});
  });

  it('MaxErrors 1 with MaxConcurrency 1 stops at the second error', async () => {
    const ids = [1, 2, 3, 4].map((i) => node(i).instanceId);
    const id = await send(['exit 2'], {InstanceIds: ids, MaxConcurrency: '1', MaxErrors: '1'});
    const cmd = await waitForCommand(c.ssm, id);
    expect(cmd).toMatchObject({ErrorCount: 2, CompletedCount: 4});
    expect((await invocations(c.ssm, id)).map((i) => i.StatusDetails)).toEqual(['Failed', 'Failed', 'Terminated', 'Terminated']);
  });
});

describe('rate controls', () => {
  it('never runs more than MaxConcurrency at once, and counters stay consistent while it runs', async () => {
    const ids = [0, 1, 2, 3, 4, 5].map((i) => node(i).instanceId);
    const id = await send(['echo "$(date +%s%N)"', 'sleep 0.3', 'echo "$(date +%s%N)"'], {InstanceIds: ids, MaxConcurrency: '2'});
    const seen = await waitFor(() => getCommand(c.ssm, id), (cmd) => {
      expect(cmd.CompletedCount ?? 0).toBeLessThanOrEqual(cmd.TargetCount ?? 0);
      expect(cmd.ErrorCount ?? 0).toBeLessThanOrEqual(cmd.CompletedCount ?? 0);
      return cmd.Status === 'Success';
    });
    expect(seen).toMatchObject({TargetCount: 6, CompletedCount: 6, ErrorCount: 0});
    const spans: [number, number][] = [];
    for (const i of ids) {
      const inv = await c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: i}));
      const [start, end] = (inv.StandardOutputContent ?? '').trim().split('\n').map((s) => Number(BigInt(s) / 1_000_000n));
      spans.push([start ?? 0, end ?? 0]);
    }
    const maxOverlap = Math.max(...spans.map(([s]) => spans.filter(([s2, e2]) => s2 <= s && s < e2).length));
    expect(maxOverlap).toBeLessThanOrEqual(2);
    expect(maxOverlap).toBe(2); // the cap is reached, not just respected
    // Ramp-up: the first node is sent alone; the others are sent only after its process has started.
    const sent = (await invocations(c.ssm, id, true)).map((i) => i.CommandPlugins?.[0]?.ResponseStartDateTime?.getTime() ?? 0);
    expect(sent.slice(1).every((t) => t >= (sent[0] ?? Infinity))).toBe(true);
  });

  it('MaxConcurrency as a percentage', async () => {
    const ids = [0, 1, 2, 3].map((i) => node(i).instanceId);
    const id = await send(['true'], {InstanceIds: ids, MaxConcurrency: '25%', MaxErrors: '50%'});
    expect(await waitForCommand(c.ssm, id)).toMatchObject({Status: 'Success', MaxConcurrency: '25%', MaxErrors: '50%', CompletedCount: 4});
  });
});

describe('output truncation', () => {
  it('24,000 chars of stdout and 8,000 of stderr from GetCommandInvocation; 2,500 in the plugin Output', async () => {
    const id = await send(['head -c 30000 /dev/zero | tr "\\0" a', 'head -c 10000 /dev/zero | tr "\\0" b >&2']);
    const inv = await waitForInvocation(c.ssm, id, node(0).instanceId);
    expect(inv.StatusDetails).toBe('Success');
    expect(inv.StandardOutputContent).toBe('a'.repeat(24_000));
    expect(inv.StandardErrorContent).toBe('b'.repeat(8_000));
    const [listed] = await invocations(c.ssm, id, true);
    const output = listed?.CommandPlugins?.[0]?.Output ?? '';
    expect(output).toHaveLength(2_500);
    expect(output.startsWith('aaaa')).toBe(true);
    expect(output.endsWith(OUTPUT_TRUNCATED_MARKER)).toBe(true);
    // Without Details there are no plugins.
    expect((await invocations(c.ssm, id, false))[0]?.CommandPlugins).toEqual([]);
  });

  it('short output is whole, with stderr after the agent\'s separator', async () => {
    const id = await send(['echo hi', 'echo oops >&2']);
    await waitForInvocation(c.ssm, id, node(0).instanceId);
    const [listed] = await invocations(c.ssm, id, true);
    expect(listed?.CommandPlugins?.[0]).toMatchObject({Name: 'aws:runShellScript', Status: 'Success', ResponseCode: 0, Output: 'hi\n\n----------ERROR-------\noops\n'});
    expect(listed?.CommandPlugins?.[0]?.ResponseStartDateTime).toBeInstanceOf(Date);
  });
});

describe('targets and platforms', () => {
  it('Targets tag:<k> selects nodes by tag; InstanceIds stays [] and TargetCount is resolved', async () => {
    const chosen = [node(1), node(4)];
    for (const n of chosen) fleet.model.setTag(n.instanceId, 'RcGroup', 'blue');
    const out = await c.ssm.send(new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{Key: 'tag:RcGroup', Values: ['blue']}], Parameters: {commands: ['echo "$FLEETDECK_TAG_RcGroup"']},
    }));
    const id = out.Command?.CommandId ?? '';
    expect(out.Command).toMatchObject({InstanceIds: [], Targets: [{Key: 'tag:RcGroup', Values: ['blue']}], TargetCount: 2});
    await waitForCommand(c.ssm, id);
    const invs = await invocations(c.ssm, id, true);
    expect(invs.map((i) => i.InstanceId).sort()).toEqual(chosen.map((n) => n.instanceId).sort());
    expect(invs.map((i) => i.CommandPlugins?.[0]?.Output)).toEqual(['blue\n', 'blue\n']);
    const byKey = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', Targets: [{Key: 'tag-key', Values: ['RcGroup']}], Parameters: {commands: ['true']}}));
    expect(byKey.Command?.TargetCount).toBe(2);
    await waitForCommand(c.ssm, byKey.Command?.CommandId ?? '');
  });

  it('a shell document reaching a Windows node through Targets ends InvalidPlatform (not an error)', async () => {
    const win = fleet.model.managed().find((n) => n.platformType === 'Windows' && n.pingStatus === 'Online');
    expect(win).toBeDefined();
    const ids = [win?.instanceId ?? '', node(0).instanceId];
    const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', Targets: [{Key: 'InstanceIds', Values: ids}], Parameters: {commands: ['true']}}));
    const id = out.Command?.CommandId ?? '';
    const cmd = await waitForCommand(c.ssm, id);
    expect(cmd).toMatchObject({Status: 'Success', ErrorCount: 0, CompletedCount: 2});
    const invs = await invocations(c.ssm, id);
    expect(invs.find((i) => i.InstanceId === win?.instanceId)).toMatchObject({Status: 'Failed', StatusDetails: 'InvalidPlatform'});
  });

  it('AWS-RunPowerShellScript on a Windows node runs pwsh, or fails plainly when pwsh is not installed', async () => {
    const win = fleet.model.managed().find((n) => n.platformType === 'Windows' && n.pingStatus === 'Online') as FleetNode;
    const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunPowerShellScript', InstanceIds: [win.instanceId], Parameters: {commands: ['Write-Output "ps-ok"']}}));
    const inv = await waitForInvocation(c.ssm, out.Command?.CommandId ?? '', win.instanceId);
    expect(inv.PluginName).toBe('aws:runPowerShellScript');
    if (inv.StatusDetails === 'Success') expect(inv.StandardOutputContent).toBe('ps-ok\n');
    else {
      expect(inv).toMatchObject({StatusDetails: 'Failed', ResponseCode: -1});
      expect(inv.StandardErrorContent).toContain('could not start the script');
    }
  });

  it('built-in documents run their simulated step', async () => {
    const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunPatchBaseline', InstanceIds: [node(0).instanceId], Parameters: {Operation: ['Scan']}}));
    const inv = await waitForInvocation(c.ssm, out.Command?.CommandId ?? '', node(0).instanceId);
    expect(inv).toMatchObject({StatusDetails: 'Success', PluginName: 'PatchLinux'});
    expect(inv.StandardOutputContent).toContain('Patch baseline operation Scan');
  });
});

describe('close()', () => {
  it('node directories of endpoints that died without close() are removed by the next one', async () => {
    const dead = spawnSync('true').pid;
    const stale = join(tmpdir(), `fleetdeck-local-${dead}-abc123`);
    mkdirSync(join(stale, 'i-0123456789abcdef0'), {recursive: true});
    const other = await startLocalFleet({nodes: 10, seed: 'run-command-stale'});
    try {
      const ssm = fleetClients(other).ssm;
      const n = linuxNodes(other)[0] as FleetNode;
      const out = await ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [n.instanceId], Parameters: {commands: ['true']}}));
      await waitForInvocation(ssm, out.Command?.CommandId ?? '', n.instanceId);
      expect(existsSync(stale)).toBe(false);
    } finally {
      await other.close();
      rmSync(stale, {recursive: true, force: true});
    }
  });


  it('kills every process the nodes are running', async () => {
    const other = await startLocalFleet({nodes: 20, seed: 'run-command-close'});
    const ssm = fleetClients(other).ssm;
    const n = linuxNodes(other)[0] as FleetNode;
    const pidFile = join(scratch, 'close.pid');
    const out = await ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [n.instanceId], Parameters: {commands: [`sleep 30 & echo $! > ${pidFile}`, 'wait']}}));
    await waitFor(async () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', Boolean);
    await waitForInvocation(ssm, out.Command?.CommandId ?? '', n.instanceId, (o) => o.StatusDetails === 'InProgress');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(true);
    await other.close();
    expect(runCommandStore(other.model).runningProcesses).toBe(0);
    await waitFor(async () => isAlive(pid), (alive) => !alive);
  });
});
