// `fleetdeck documents` and `fleetdeck associations` of the built CLI against a local fleet: a document's versions
// listed, shown and diffed; an association created through the SDK, listed, applied now (audited, refused in
// read-only), its execution followed to Success and each target's result read.
import fs from 'node:fs';
import path from 'node:path';
import {CreateAssociationCommand, CreateDocumentCommand, SSMClient, UpdateDocumentCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {fleetCli, useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes, waitFor} from '../helpers/run-command.js';

const t = useLocalFleet({nodes: 6, seed: 'docs-assoc-headless'});

const cli = fleetCli(t);

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
const doc = (cmd: string) => JSON.stringify({schemaVersion: '2.2', description: 'headless test', mainSteps: [
  {action: 'aws:runShellScript', name: 'run', inputs: {runCommand: [cmd]}}]});

describe('fleetdeck documents', () => {
  it('lists the account\'s own documents, shows one version and diffs two', async () => {
    const ssm = sdk();
    await ssm.send(new CreateDocumentCommand({Name: 'Team-Hello', DocumentType: 'Command', Content: doc('echo hello')}));
    await ssm.send(new UpdateDocumentCommand({Name: 'Team-Hello', DocumentVersion: '$LATEST', Content: doc('echo hello world')}));
    const mine = JSON.parse((await cli('documents', 'ls', '--owner', 'mine', '--output', 'json')).stdout) as {Name: string; LatestVersion: string; DefaultVersion: string}[];
    expect(mine.find((d) => d.Name === 'Team-Hello')).toMatchObject({DefaultVersion: '1', LatestVersion: '2'});
    const amazon = JSON.parse((await cli('documents', 'ls', '--filter', 'owner:amazon name:AWS-RunShell*', '--output', 'json')).stdout) as {Name: string}[];
    expect(amazon.map((d) => d.Name)).toEqual(['AWS-RunShellScript']);
    const shown = await cli('documents', 'show', 'Team-Hello:2');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Version\s+2$/m);
    expect(shown.stdout).toMatch(/^Versions\s+1\* 2$/m);
    expect(shown.stdout).toContain('echo hello world');
    const d = await cli('documents', 'diff', 'Team-Hello:1', '2');
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/^--- Team-Hello:1\n\+\+\+ Team-Hello:2\n/);
    expect(d.stdout).toMatch(/^-.*echo hello"/m);
    expect(d.stdout).toMatch(/^\+.*echo hello world"/m);
    expect((await cli('documents', 'diff', 'Team-Hello:1', 'Team-Hello:1')).code).toBe(0);
    const missing = await cli('documents', 'show', 'No-Such-Doc');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No-Such-Doc|not found|does not exist/i);
  });

  it('refuses a bad owner or filter before connecting', async () => {
    expect((await cli('documents', 'ls', '--owner', 'them')).stderr).toMatch(/--owner must be mine, amazon or shared/);
    expect((await cli('documents', 'ls', '--filter', 'format:xml')).code).toBe(2);
  });
});

describe('fleetdeck associations', () => {
  it('lists, shows, applies now and reads each target of the execution', async () => {
    const created = await sdk().send(new CreateAssociationCommand({Name: 'AWS-RunShellScript', AssociationName: 'headless-hello',
      Targets: [{Key: 'InstanceIds', Values: linuxNodes(t.fleet).slice(0, 2).map((n) => n.instanceId)}],
      Parameters: {commands: ['echo from-association']}, ScheduleExpression: 'cron(0 3 ? * SUN *)', ApplyOnlyAtCronInterval: true}));
    const id = created.AssociationDescription?.AssociationId ?? '';
    const list = JSON.parse((await cli('associations', 'ls', '--output', 'json')).stdout) as {AssociationId: string; AssociationName?: string}[];
    expect(list.find((a) => a.AssociationId === id)?.AssociationName).toBe('headless-hello');
    const show = await cli('associations', 'show', id);
    expect(show.stdout).toMatch(/^Schedule\s+cron\(0 3 \? \* SUN \*\)$/m);
    expect(show.stdout).toMatch(/^Parameter commands\s+echo from-association$/m);
    const ro = await cli('associations', 'apply', id, '--read-only');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/read-only mode: applying associations is off/);
    const applied = await cli('associations', 'apply', id);
    expect(applied.stdout).toBe('applying 1 association now\n');
    const audit = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"StartAssociationsOnce"');
    const execs = await waitFor(async () => JSON.parse((await cli('associations', 'executions', id, '--output', 'json')).stdout) as
      {ExecutionId: string; Status: string}[], (e) => e[0]?.Status === 'Success', 30_000);
    const execId = execs[0]?.ExecutionId ?? '';
    const targets = await cli('associations', 'executions', id, '--execution', execId, '--output', 'json');
    expect(targets.code).toBe(0);
    const rows = JSON.parse(targets.stdout) as {ResourceId: string; Status: string; OutputSource?: {OutputSourceId: string}}[];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.Status === 'Success' && r.OutputSource?.OutputSourceId)).toBe(true);
  });
});
