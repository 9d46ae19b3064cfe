import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  applySchema, breakdown, chooseDocument, confirmationWord, confirmed, cycleValue, documentsFor, editField,
  formFields, moveFocus, openRunForm, resolveTargets, validateForm, type RunForm,
} from '../../../src/fleet/run-command/run-form.js';
import {parseDocumentSchema} from '../../../src/fleet/run-command/document-params.js';
import {LOCAL_DOCUMENTS} from '../../../src/local/ssm/documents/builtin-documents.js';
import {makeFleet, makeInstance} from '../../helpers/instances.js';
import {runFormLines, wrapComment, wrapCommand} from '../../../src/components/RunFormView.js';
import {awsCliLine, awsCliLines, awsCliPreview} from '../../../src/fleet/run-command/run-cli.js';

/** The real schemas the local fleet serves (the same JSON GetDocument returns). */
const schemaOf = (name: string) => parseDocumentSchema(LOCAL_DOCUMENTS.find((d) => d.name === name)?.content ?? '{}');
const withSchema = (f: RunForm) => applySchema(f, f.document, schemaOf(f.document));
const focus = (f: RunForm, id: RunForm['focus']) => ({...f, focus: id});

describe('Run Command form', () => {
  it('defaults the document to the targets platform and starts in the script', () => {
    expect(openRunForm([makeInstance()]).document).toBe('AWS-RunShellScript');
    expect(openRunForm([makeInstance({platformType: 'Windows'})]).document).toBe('AWS-RunPowerShellScript');
    expect(openRunForm([makeInstance()]).focus).toBe('param:commands');
  });

  it('generates a field per parameter, keeping what was typed before the schema arrived', () => {
    let f = openRunForm(makeFleet(3));
    expect(formFields(f)).toEqual(['targets', 'document', 'param:commands', 'maxConcurrency', 'maxErrors', 'timeout', 'comment']);
    f = editField(f, () => 'uptime');
    f = withSchema(f);
    expect(formFields(f)).toEqual(['targets', 'document', 'param:commands', 'param:workingDirectory', 'param:executionTimeout',
      'maxConcurrency', 'maxErrors', 'timeout', 'comment']);
    expect(f.params).toEqual({commands: 'uptime', workingDirectory: '', executionTimeout: '3600'});
  });

  it('validates with SSM rules and builds the request and the CLI line', () => {
    const fleet = makeFleet(3);
    let f = withSchema(openRunForm(fleet));
    expect(validateForm(f, fleet)).toMatchObject({ok: false, errors: ['Parameters: parameter "commands" is required']});
    f = editField(f, () => 'uptime\n\ndf -h');
    f = editField(focus(f, 'param:executionTimeout'), () => 'soon');
    f = editField(focus(f, 'maxConcurrency'), () => '150%');
    const bad = validateForm(f, fleet);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^Parameters: parameter "executionTimeout": "soon" does not match/);
    expect(!bad.ok && bad.errors[1]).toMatch(/^Max concurrency: /);
    f = editField(focus(f, 'param:executionTimeout'), () => '60');
    f = editField(focus(f, 'maxConcurrency'), () => '10%');
    const ok = validateForm(f, fleet);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.spec.parameters).toEqual({commands: ['uptime', 'df -h'], executionTimeout: ['60']});
    expect(awsCliLine(ok.spec)).toBe(
      "aws ssm send-command --document-name 'AWS-RunShellScript' --instance-ids i-00000000000000000 " +
      "i-00000000000000001 i-00000000000000002 --parameters '{\"commands\":[\"uptime\",\"df -h\"],\"executionTimeout\":[\"60\"]}' " +
      "--max-concurrency '10%' --max-errors '0' --timeout-seconds 600");
  });

  it('runs a preset document version: it is sent, shown as --document-version, and dropped when another document is chosen', () => {
    const fleet = makeFleet(1);
    const f = withSchema(openRunForm(fleet, {document: 'AWS-RunShellScript', documentVersion: '2', parameters: {commands: 'uptime'}}));
    const ok = validateForm(f, fleet);
    expect(ok.ok && ok.spec.documentVersion).toBe('2');
    expect(ok.ok && awsCliLine(ok.spec)).toMatch(/^aws ssm send-command --document-name 'AWS-RunShellScript' --document-version '2' --instance-ids /);
    expect(ok.ok && awsCliPreview(ok.spec)).toContain("--document-version '2'");
    const other = validateForm(withSchema(chooseDocument(f, 'AWS-RunPowerShellScript')), fleet);
    expect(other.ok && other.spec.documentVersion).toBeUndefined();
    expect(awsCliLine({...(ok.ok ? ok.spec : {documentName: 'x', parameters: {}, targets: {kind: 'ids', ids: []}, maxConcurrency: {kind: 'count', n: 1}, maxErrors: {kind: 'count', n: 0}}), documentVersion: undefined}))
      .not.toContain('--document-version');
  });

  it('takes a preset (compliance → patch) and cycles a parameter through its allowed values', () => {
    const fleet = makeFleet(2);
    let f = withSchema(openRunForm(fleet, {document: 'AWS-RunPatchBaseline', parameters: {Operation: 'Install'}}));
    expect(f.params.Operation).toBe('Install');
    expect(f.params.RebootOption).toBe('RebootIfNeeded');
    f = cycleValue(focus(f, 'param:Operation'), 1);
    expect(f.params.Operation).toBe('Scan');
    f = editField(f, () => 'Nuke');
    const v = validateForm(f, fleet);
    expect(!v.ok && v.errors).toEqual(['Parameters: parameter "Operation": "Nuke" is not one of Scan, Install']);
  });

  it('changing the document drops the old parameters but keeps a shell script', () => {
    let f = withSchema(editField(openRunForm(makeFleet(2)), () => 'hostname'));
    f = chooseDocument(f, 'AWS-UpdateSSMAgent');
    expect(f.params).toEqual({});
    expect(formFields(f)).toEqual(['targets', 'document', 'maxConcurrency', 'maxErrors', 'timeout', 'comment']);
    f = chooseDocument(withSchema(f), 'AWS-RunShellScript');
    expect(f.params).toEqual({});
  });

  it('resolves target expressions against the fleet right now', () => {
    const fleet = makeFleet(12);
    const f = openRunForm(fleet.slice(0, 2));
    expect(resolveTargets(f, fleet)).toMatchObject({ok: true, kind: 'marked'});
    const prod = resolveTargets({...f, targetText: 'tag:Env=prod'}, fleet);
    expect(prod.ok && prod.instances?.map((i) => i.tags.Env)).toEqual(['prod', 'prod', 'prod', 'prod']);
    const two = resolveTargets({...f, targetText: 'tag:Env=prod,dev tag-key:Name'}, fleet);
    expect(two.ok && two.instances?.length).toBe(8);
    expect(resolveTargets({...f, targetText: 'tag:Env=nowhere'}, fleet)).toEqual({ok: false,
      error: 'tag:Env=nowhere matches no managed instance right now'});
    expect(resolveTargets({...f, targetText: 'i-00000000000000001 i-0000000000000000f'}, fleet)).toEqual({ok: false,
      error: 'i-0000000000000000f is not a managed instance in this fleet'});
    expect(resolveTargets({...f, targetText: 'Env=prod'}, fleet)).toMatchObject({ok: false, error: expect.stringMatching(/is not a target/)});
    const groups = resolveTargets({...f, targetText: 'resource-groups:web'}, fleet);
    expect(groups).toMatchObject({ok: true, kind: 'expression'});
    expect(groups.ok && groups.instances).toBeUndefined();
    expect(validateForm({...f, targetText: ''}, fleet).ok).toBe(false);
  });

  it('sends an expression as Targets and asks for the count above ten targets', () => {
    const fleet = makeFleet(12);
    expect(breakdown(fleet, 'Env')).toBe('prod 4, staging 4, dev 4');
    let f = withSchema(editField(openRunForm(fleet), () => 'uptime'));
    expect(confirmationWord(f, fleet)).toBe('12');
    expect(confirmed(f, fleet)).toBe(false);
    expect(confirmed({...f, confirmText: '11'}, fleet)).toBe(false);
    expect(confirmed({...f, confirmText: '12'}, fleet)).toBe(true);
    expect(confirmed(openRunForm(fleet.slice(0, 3)), fleet)).toBe(true);
    expect(confirmationWord(openRunForm(fleet.slice(0, 3)), fleet, 0)).toBe('3');
    expect(confirmationWord(f, fleet, 12)).toBeUndefined();
    f = {...f, targetText: 'tag:Env=prod'};
    expect(confirmationWord(f, fleet)).toBeUndefined();
    const v = validateForm(f, fleet);
    expect(v.ok && v.spec.targets).toEqual({kind: 'targets', targets: [{Key: 'tag:Env', Values: ['prod']}]});
    expect(v.ok && awsCliLine(v.spec)).toMatch(/--targets 'Key=tag:Env,Values=prod' --parameters/);
    expect(confirmationWord({...f, targetText: 'resource-groups:web'}, fleet)).toBe('yes');
  });

  it('moves focus through every field and lists only documents for the targets platforms', () => {
    let f = withSchema(openRunForm(makeFleet(1)));
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      seen.add(f.focus);
      f = moveFocus(f, 1);
    }
    expect(seen.size).toBe(formFields(f).length);
    const docs = [{name: 'A', platformTypes: ['Linux', 'Windows'], owner: 'Amazon'}, {name: 'W', platformTypes: ['Windows'], owner: 'Amazon'}];
    expect(documentsFor(docs, makeFleet(10)).map((d) => d.name)).toEqual(['A']);
    expect(documentsFor(docs, [makeInstance({platformType: 'Windows'})]).map((d) => d.name)).toEqual(['A', 'W']);
  });
});

describe('the CLI line in the confirmation', () => {
  it('wraps between shell words so the wrapped lines paste as the same command', () => {
    const fleet = makeFleet(12);
    const f = withSchema(editField(openRunForm(fleet), () => 'echo "a b"  c\nuname -a'));
    const v = validateForm({...f, values: {...f.values, comment: 'nightly check, with spaces'}}, fleet);
    if (!v.ok) throw new Error(v.errors.join('; '));
    const line = awsCliLine(v.spec);
    const wrapped = wrapCommand(line, 60);
    expect(wrapped.length).toBeGreaterThan(3);
    for (const l of wrapped.slice(0, -1)) expect(l.endsWith(' \\')).toBe(true);
    // The words a shell sees are the same, wrapped or not (printf prints one argument per line).
    const argv = (cmd: string) => execFileSync('bash', ['-c', cmd.replace(/^aws /, "printf '%s\\n' ")], {encoding: 'utf8'});
    expect(argv(wrapped.join('\n'))).toBe(argv(line));
    // Only a single quoted word longer than the width may overflow (it is never split).
    expect(wrapped.filter((l) => !/^\s*'/.test(l)).every((l) => l.length <= 60)).toBe(true);
  });
});

describe('the aws CLI lines a run copies', () => {
  const conn = {region: 'eu-west-1', profile: 'ops team', endpointUrl: 'http://127.0.0.1:4566'};
  /** The arguments bash passes to `aws` for each line of a script. */
  const argvs = (script: string) => script.split('\n').map((cmd) =>
    execFileSync('bash', ['-c', cmd.replace(/^aws /, "printf '%s\\n' ")], {encoding: 'utf8'}).trimEnd().split('\n'));
  const spec = (fleet: ReturnType<typeof makeFleet>, targetText = '') => {
    const f = withSchema(editField(openRunForm(fleet), () => 'uptime'));
    const v = validateForm({...f, targetText}, fleet);
    if (!v.ok) throw new Error(v.errors.join('; '));
    return v.spec;
  };

  it('copies one command per batch of at most 50 ids, each with the region, profile and endpoint', () => {
    const fleet = makeFleet(120);
    const lines = awsCliLines(spec(fleet), conn);
    expect(lines).toHaveLength(3);
    const ids: string[] = [];
    for (const argv of argvs(lines.join('\n'))) {
      const at = argv.indexOf('--instance-ids');
      const batch = argv.slice(at + 1, argv.findIndex((a, i) => i > at && a.startsWith('--')));
      expect(batch.length).toBeLessThanOrEqual(50);
      ids.push(...batch);
      expect(argv).toEqual(expect.arrayContaining(['--region', 'eu-west-1', '--profile', 'ops team', '--endpoint-url',
        'http://127.0.0.1:4566']));
      expect(argv[argv.indexOf('--parameters') + 1]).toBe('{"commands":["uptime"],"executionTimeout":["3600"]}');
    }
    expect(ids).toEqual(fleet.map((i) => i.instanceId));
  });

  it('says above a context\'s lines what no flag can (a role to assume), as one shell comment the lines run after', () => {
    const fleet = makeFleet(60);
    const note = 'account 333333333333 as role Ops: add --profile NAME, NAME a profile with role_arn = arn:aws:iam::333333333333:role/Ops';
    const lines = awsCliLines(spec(fleet), {...conn, note});
    expect(lines[0]).toBe(`# ${note}`);
    expect(lines.slice(1).every((l) => l.startsWith('aws ssm send-command'))).toBe(true);
    expect(lines).toHaveLength(3);
    // Pasted into a shell, the comment does nothing: the same commands run as without it.
    expect(execFileSync('bash', ['-c', lines[0] ?? ''], {encoding: 'utf8'})).toBe('');
    expect(argvs(lines.slice(1).join('\n'))).toEqual(argvs(awsCliLines(spec(fleet), conn).join('\n')));
    const wrapped = wrapComment(note, 40);
    expect(wrapped.every((l) => l.startsWith('# ') && l.length <= 40)).toBe(true);
    expect(wrapped.map((l) => l.slice(2)).join(' ')).toBe(note);
  });

  it('copies an expression as one --targets command and leaves out what the connection does not set', () => {
    const fleet = makeFleet(120);
    const lines = awsCliLines(spec(fleet, 'tag:Env=prod'), {region: 'us-east-1'});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--targets 'Key=tag:Env,Values=prod' .* --region 'us-east-1'$/);
    expect(lines[0]).not.toMatch(/--profile|--endpoint-url|--instance-ids/);
  });

  it('previews a long id list as its first ids and how many more', () => {
    const fleet = makeFleet(1000);
    const preview = awsCliPreview(spec(fleet), conn);
    expect(preview).toContain('--instance-ids i-00000000000000000 i-00000000000000001 i-00000000000000002 …and 997 more --parameters');
    expect(preview.length).toBeLessThan(400);
    expect(awsCliPreview(spec(makeFleet(4)), conn)).toBe(awsCliLine(spec(makeFleet(4)), conn));
  });
});

describe('the confirmation layout', () => {
  const strip = (l: string) => l.replace(/\x1b\[[0-9;]*m/g, '');
  it('keeps its first line and the prompt within any height and width, details cut from the end', () => {
    const fleet = makeFleet(1000);
    const f = {...withSchema(editField(openRunForm(fleet, {}, {kind: 'marked'}), () => 'uptime\ndf -h')), stage: 'confirm' as const};
    for (const [width, height] of [[80, 19], [150, 35], [40, 6], [60, 3]] as const) {
      const lines = runFormLines(f, fleet, width, height, 10, {region: 'us-east-1'}).map(strip);
      expect(lines.length).toBeLessThanOrEqual(height);
      expect(lines[0]).toMatch(/^Confirm: run AWS-RunShellScript on 1000/);
      expect(lines.some((l) => l.startsWith('Type 1000 and press enter to send'))).toBe(true);
      expect(lines.every((l) => l.length <= width)).toBe(true);
    }
    const tall = runFormLines(f, fleet, 80, 19, 10).map(strip);
    expect(tall).toContain('  Env:  prod 334, staging 333, dev 333');
    expect(tall.some((l) => l.includes('…and 997 more'))).toBe(true);
  });
});
