import {describe, expect, it} from 'vitest';
import {awsCliLine, breakdown, confirmed, editField, moveFocus, openRunForm, validateForm} from '../../../src/fleet/run-form.js';
import {makeFleet, makeInstance} from '../../helpers/instances.js';

describe('Run Command form', () => {
  it('defaults the document to the targets platform', () => {
    expect(openRunForm([makeInstance()]).values.document).toBe('AWS-RunShellScript');
    expect(openRunForm([makeInstance({platformType: 'Windows'})]).values.document).toBe('AWS-RunPowerShellScript');
  });

  it('validates with SSM rules and builds the request and the CLI line', () => {
    let f = openRunForm(makeFleet(3));
    expect(validateForm(f)).toMatchObject({ok: false, errors: ['Commands: enter at least one command']});
    f = editField(f, () => 'uptime\n\ndf -h');
    f = moveFocus(f, 1);
    f = editField(f, () => '150%');
    const bad = validateForm(f);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^Max concurrency: /);
    f = editField(f, () => '10%');
    const ok = validateForm(f);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.spec.parameters).toEqual({commands: ['uptime', 'df -h'], executionTimeout: ['3600']});
    expect(awsCliLine(ok.spec)).toBe(
      "aws ssm send-command --document-name 'AWS-RunShellScript' --instance-ids i-00000000000000000 " +
      "i-00000000000000001 i-00000000000000002 --parameters '{\"commands\":[\"uptime\",\"df -h\"],\"executionTimeout\":[\"3600\"]}' " +
      "--max-concurrency '10%' --max-errors '0' --timeout-seconds 600");
  });

  it('shows the blast radius by tag and asks for the count above ten targets', () => {
    const fleet = makeFleet(12);
    expect(breakdown(fleet, 'Env')).toBe('prod 4, staging 4, dev 4');
    const f = openRunForm(fleet);
    expect(confirmed(f)).toBe(false);
    expect(confirmed({...f, confirmText: '11'})).toBe(false);
    expect(confirmed({...f, confirmText: '12'})).toBe(true);
    expect(confirmed(openRunForm(fleet.slice(0, 3)))).toBe(true);
  });
});
