// The port-forward form's pure logic: presets from the fleetdeck:forward tag, field editing, validation.
import {describe, expect, it} from 'vitest';

import {
  cyclePreset,
  forwardPresets,
  moveFocus,
  openForwardForm,
  setFieldValue,
  validateForwardForm,
  type ForwardForm,
} from '../../../src/fleet/forwards/forward-form.js';
import {parsePort, portForwardRequest} from '../../../src/session/port-forward-documents.js';

const node = (tag?: string): {instanceId: string; name: string; tags: Record<string, string>} =>
  ({instanceId: 'i-0123456789abcdef0', name: 'db-prod-01', tags: tag === undefined ? {} : {'fleetdeck:forward': tag}});

const withValues = (form: ForwardForm, values: Partial<ForwardForm['values']>): ForwardForm => ({...form, values: {...form.values, ...values}});

describe('presets', () => {
  it('reads ports from the tag, ignoring junk and duplicates', () => {
    expect(forwardPresets('5432,8080')).toEqual([5432, 8080]);
    expect(forwardPresets(' 5432 ; 8080,5432, http, 70000 0 22')).toEqual([5432, 8080, 22]);
    expect(forwardPresets(undefined)).toEqual([]);
  });

  it('prefill the remote port with the first preset, and ←/→ step through them', () => {
    const form = openForwardForm(node('5432,8080'));
    expect(form.values.remotePort).toBe('5432');
    expect(cyclePreset(form, 1).values.remotePort).toBe('8080');
    expect(cyclePreset(cyclePreset(form, 1), 1).values.remotePort).toBe('5432');
    expect(cyclePreset(form, -1).values.remotePort).toBe('8080');
    const none = openForwardForm(node());
    expect(none.values.remotePort).toBe('');
    expect(cyclePreset(none, 1)).toBe(none);
  });
});

describe('editing', () => {
  it('moves focus through the four fields and wraps', () => {
    let form = openForwardForm(node());
    const seen = [form.focus];
    for (let i = 0; i < 4; i++) {
      form = moveFocus(form, 1);
      seen.push(form.focus);
    }
    expect(seen).toEqual(['remotePort', 'localPort', 'remoteHost', 'name', 'remotePort']);
    expect(moveFocus(form, -1).focus).toBe('name');
  });

  it('strips control sequences and caps lengths', () => {
    const form = moveFocus(moveFocus(moveFocus(openForwardForm(node()), 1), 1), 1);
    expect(form.focus).toBe('name');
    const named = setFieldValue(form, 'db\x1b[2Jx');
    expect(named.values.name).not.toContain('\x1b');
    expect(setFieldValue(openForwardForm(node()), '1234567').values.remotePort).toBe('12345');
  });
});

describe('validation', () => {
  it('accepts a preset with an automatic local port and derives a name', () => {
    const r = validateForwardForm(openForwardForm(node('5432')));
    expect(r).toEqual({ok: true, spec: {instanceId: 'i-0123456789abcdef0', instanceName: 'db-prod-01', remotePort: 5432, localPort: 0, name: 'db-prod-01:5432'}});
  });

  it('takes a local port, a remote host and a name', () => {
    const form = withValues(openForwardForm(node()), {remotePort: '3306', localPort: '13306', remoteHost: 'db.internal', name: 'mysql'});
    const r = validateForwardForm(form);
    expect(r.ok && r.spec).toMatchObject({remotePort: 3306, localPort: 13306, remoteHost: 'db.internal', name: 'mysql'});
  });

  it('names the field that is wrong', () => {
    const base = openForwardForm(node());
    expect(validateForwardForm(base)).toMatchObject({ok: false, field: 'remotePort'});
    expect(validateForwardForm(withValues(base, {remotePort: '70000'}))).toMatchObject({ok: false, field: 'remotePort'});
    expect(validateForwardForm(withValues(base, {remotePort: '80', localPort: 'x'}))).toMatchObject({ok: false, field: 'localPort'});
    expect(validateForwardForm(withValues(base, {remotePort: '80', remoteHost: 'a b'}))).toMatchObject({ok: false, field: 'remoteHost'});
  });
});

describe('StartSession input', () => {
  it('uses the remote-host document only with a host', () => {
    expect(portForwardRequest({portNumber: 5432})).toEqual({
      documentName: 'AWS-StartPortForwardingSession', parameters: {portNumber: ['5432'], localPortNumber: ['0']},
    });
    expect(portForwardRequest({portNumber: 5432, localPortNumber: 15432, host: 'db.internal'})).toEqual({
      documentName: 'AWS-StartPortForwardingSessionToRemoteHost',
      parameters: {host: ['db.internal'], portNumber: ['5432'], localPortNumber: ['15432']},
    });
  });

  it('parses ports strictly', () => {
    expect(parsePort('22')).toBe(22);
    expect(parsePort('0')).toBeUndefined();
    expect(parsePort('0', true)).toBe(0);
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('1e3')).toBeUndefined();
    expect(parsePort('-1')).toBeUndefined();
  });
});
