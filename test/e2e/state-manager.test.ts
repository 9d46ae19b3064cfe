// State Manager in the built CLI under a real pty: create an association from a document on a tag expression, apply
// it now, watch its execution reach Success on every target, and find it in the compliance view among the items of
// one of its instances.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 40, seed: 'state-manager-e2e'});

describe('State Manager', () => {
  it('creates an association on a tag expression, applies it now, sees every target succeed and its compliance', async () => {
    // Three Linux nodes, one of them failing another association already (so the compliance view lists it).
    const nodes = linuxNodes(t.fleet);
    const failing = nodes.find((n) => n.associationStatus === 'Failed');
    expect(failing).toBeDefined();
    const chosen = [failing, ...nodes.filter((n) => n !== failing).slice(0, 2)].map((n) => n?.instanceId ?? '');
    for (const id of chosen) t.fleet.model.setTag(id, 'Desired', 'e2e');

    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint], cols: 160, rows: 40, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    // Each step waits for the screen to show the one before it, so no two keys reach the app in one read.
    const filter = async (text: string) => {
      await tui.press('/');
      await tui.waitFor(() => tui.line(-2).startsWith('/'), {description: 'the filter prompt'});
      await tui.type(text);
      await tui.waitFor(() => tui.line(-2).includes(text), {description: 'the filter typed'});
      await tui.press('enter');
      await tui.waitFor(() => !tui.line(-2).startsWith('/'), {description: 'prompt closed'});
    };
    /** Types into the prompt a form field opened, then enter. */
    const field = async (key: string, text: string) => {
      await tui.press(key);
      await tui.waitFor(() => tui.line(-2).startsWith('/'), {description: `the prompt of ${key}`});
      await tui.press('ctrl-u');
      await tui.type(text);
      await tui.waitFor(() => tui.line(-2).includes(text), {description: `${text} typed`});
      await tui.press('enter');
      await tui.waitFor(() => !tui.line(-2).startsWith('/'), {description: 'prompt closed'});
    };
    await tui.press(':');
    await tui.type('docs');
    await tui.press('enter');
    await tui.waitForText(/Documents \d+\/\d+/, {description: 'the documents'});
    await filter('name:AWS-RunShellScript');
    await tui.press('a');
    await tui.waitForText('Create an association with AWS-RunShellScript', {description: 'the create form'});
    await field('t', 'tag:Desired=e2e');
    await tui.waitForText('tag:Desired=e2e  → 3 instances now', {description: 'the targets resolved'});
    await field('p', 'commands=echo desired-state');
    await field('n', 'e2e-desired');
    await tui.press('v');
    await tui.waitFor((s) => /Severity\s+CRITICAL/.test(s), {description: 'the next severity'});
    await tui.press('v');
    await tui.waitFor((s) => /Severity\s+HIGH/.test(s) && s.includes('enter creates it'), {description: 'the form filled'});
    await tui.press('enter');
    await tui.waitForText('Create the association with AWS-RunShellScript on 3 instances, rate(30 minutes)?', {description: 'the question'});
    await tui.press('y');
    await tui.waitFor((s) => s.includes('Association id') && /Name\s+e2e-desired/.test(s), {description: 'the new association', timeout: 10_000});

    // It ran once when created; apply it now and watch the second execution succeed on every target.
    await tui.press('r');
    await tui.waitForText('Apply e2e-desired now on every target?', {description: 'the apply question'});
    await tui.press('y');
    await tui.waitForText('applying e2e-desired now', {description: 'applied'});
    await tui.press('e');
    await tui.waitFor((s) => /Executions \S+ 2\/2/.test(s) && (s.match(/Success=3/g) ?? []).length === 2, {description: 'two executions, every target succeeded', timeout: 30_000});
    await tui.press('enter');
    await tui.waitForText('3 success · 0 failed · 0 running or pending', {description: 'the per-target results'});
    for (const id of chosen) expect(tui.screen()).toContain(id);

    // The compliance view: the failing node's Association items now include this one, compliant, HIGH.
    await tui.press(':');
    await tui.type('compliance');
    await tui.press('enter');
    await tui.waitForText(/Compliance [1-9]\d*\/\d+/, {description: 'the compliance summary'});
    await filter('Association');
    await tui.press('enter');
    await tui.waitForText(/Non-compliant Association [1-9]\d*\//, {description: 'instances failing an association'});
    await filter(failing?.instanceId ?? '');
    await tui.press('enter');
    await tui.waitFor((s) => /e2e-desired\s+HIGH\s+COMPLIANT/.test(s), {description: 'this association among the instance\'s items', timeout: 10_000});
    const audit = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8').trim().split('\n')
      .map((l) => (JSON.parse(l) as {action: string}).action);
    expect(audit).toEqual(expect.arrayContaining(['CreateAssociation', 'StartAssociationsOnce']));
    await tui.press('q');
  }, 90_000);
});
