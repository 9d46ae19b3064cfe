// The port-forward form (`F` on an instance), shown as a pane over the instances: remote port (presets from the
// instance's fleetdeck:forward tag), local port or auto, remote host, a name. Keys: form-input.ts (the footer lists
// them from the keymap).
import {FORWARD_FIELDS, type ForwardField, type ForwardForm} from '../../fleet/forwards/forward-form.js';
import {bold, inverse, tone} from '../../components/style.js';
import {definePaneView} from '../view.js';

const LABELS: Record<ForwardField, string> = {
  remotePort: 'Remote port',
  localPort: 'Local port',
  remoteHost: 'Remote host',
  name: 'Name',
};

const PLACEHOLDERS: Record<ForwardField, string> = {
  remotePort: 'e.g. 5432',
  localPort: 'auto (a free port)',
  remoteHost: 'the instance itself (or a host it reaches)',
  name: 'instance:port',
};

export function forwardFormLines(form: ForwardForm): string[] {
  const lines = [
    `  Forward a local port to ${bold(form.instanceId)} ${tone(form.instanceName, 'muted')}`,
    '',
  ];
  for (const field of FORWARD_FIELDS) {
    const value = form.values[field];
    const focused = form.focus === field;
    const shown = value === '' ? tone(PLACEHOLDERS[field], 'muted') : value;
    const cursor = focused ? inverse(' ') : '';
    lines.push(`  ${(focused ? '▸ ' : '  ') + LABELS[field].padEnd(12)} ${shown}${cursor}`);
  }
  lines.push('');
  if (form.presets.length > 0) {
    lines.push(`  Presets (fleetdeck:forward tag): ${form.presets.join(', ')}   ${tone('←/→ on the remote port picks one', 'muted')}`);
  } else {
    lines.push(tone('  No presets: tag the instance fleetdeck:forward=5432,8080 to offer some.', 'muted'));
  }
  if (form.starting) lines.push('', tone('  starting the forward…', 'accent'));
  if (form.error) lines.push('', tone(`  ${form.error}`, 'bad'));
  return lines;
}

export const forwardFormView = definePaneView({
  id: 'forward-form',
  title: 'Port forward',
  aliases: [],
  scopes: [],
  lines: (store) => {
    const form = store.getState().forwardForm;
    return form ? forwardFormLines(form) : [];
  },
  actions: {},
});
