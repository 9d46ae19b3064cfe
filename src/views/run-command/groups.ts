// One command's outputs grouped pssh-style: instances that printed exactly the same thing are shown once, the
// largest group first, so "37 instances — identical output" and the 2 odd ones out are seen at a glance.
import {LIST_OUTPUT_LIMIT, type Invocation} from '../../fleet/run-command/port.js';
import {definePaneView} from '../view.js';
import {paneActions, plainText} from '../pane-actions.js';
import type {AppStore} from '../../store/store.js';
import {tone} from '../../components/style.js';
import {statusTone} from './status-tone.js';
import {nameIndex} from '../../fleet/instances/instance-names.js';
import {perFleet} from '../../fleet/instances/per-fleet.js';

export interface OutputGroup {
  output: string;
  instances: Invocation[];
}

/** Finished invocations grouped by identical output, largest group first (ties: by output, for a stable order). */
export function groupOutputs(rows: readonly Invocation[]): {groups: OutputGroup[]; running: Invocation[]} {
  const byOutput = new Map<string, Invocation[]>();
  const running: Invocation[] = [];
  for (const r of rows) {
    if (r.endedAt === undefined) running.push(r);
    else byOutput.set(r.output, [...(byOutput.get(r.output) ?? []), r]);
  }
  const groups = [...byOutput].map(([output, instances]) => ({output, instances}))
    .sort((a, b) => b.instances.length - a.instances.length || a.output.localeCompare(b.output));
  return {groups, running};
}

/** An instance as the group lists it: its name and id, or the id alone (names are sanitized where they are loaded). */
const label = (id: string, names: ReadonlyMap<string, string>) => {
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
};

function ids(list: readonly Invocation[], width: number, names: ReadonlyMap<string, string>): string {
  const all = list.map((i) => label(i.instanceId, names)).sort();
  const shown: string[] = [];
  let len = 2;
  for (const id of all) {
    if (len + id.length + 2 > width - 12) break;
    shown.push(id);
    len += id.length + 2;
  }
  return `  ${shown.join(', ')}${all.length > shown.length ? tone(` (+${all.length - shown.length} more)`, 'muted') : ''}`;
}

function statusCounts(list: readonly Invocation[]): string {
  const counts = new Map<string, number>();
  for (const i of list) {
    const k = `${i.statusDetails}${i.responseCode >= 0 ? ` exit ${i.responseCode}` : ''}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => tone(`${n} ${k}`, statusTone(k.split(' ')[0] ?? ''))).join(' · ');
}

export function groupLines(rows: readonly Invocation[], width: number, names: ReadonlyMap<string, string> = new Map()): string[] {
  const {groups, running} = groupOutputs(rows);
  if (rows.length === 0) return ['no invocations yet'];
  const lines: string[] = [
    tone(`${groups.length} distinct output${groups.length === 1 ? '' : 's'} among ${rows.length - running.length} finished ` +
      `(each output as ListCommandInvocations gives it, up to ${LIST_OUTPUT_LIMIT.toLocaleString('en')} characters; ` +
      'enter on a result row for the full output)', 'muted'),
    '',
  ];
  for (const g of groups) {
    const n = g.instances.length;
    const what = n === 1 ? '1 instance — unique output' : `${n} instances — identical output`;
    lines.push(`${tone('──', 'muted')} ${what} ${tone('·', 'muted')} ${statusCounts(g.instances)}`);
    lines.push(ids(g.instances, width, names));
    const out = g.output.replace(/\n+$/, '');
    lines.push(...(out ? out.split('\n').map((l) => `${tone('  │', 'muted')} ${l}`) : [tone('  │ (no output)', 'muted')]));
    lines.push('');
  }
  if (running.length) lines.push(`${tone('──', 'muted')} ${running.length} not finished ${tone('·', 'muted')} ${statusCounts(running)}`, ids(running, width, names));
  return lines;
}

/** id → name of the fleet as loaded, built once per load. */
const namesOf = perFleet(nameIndex);

const groupedLines = (store: AppStore, _arg: string | undefined, width: number) =>
  groupLines((store.getState().tables['command-results']?.rows ?? []) as Invocation[], width, namesOf(store.getState().instances));

export const groupsView = definePaneView({
  id: 'command-groups',
  title: 'Grouped output',
  aliases: [],
  scopes: ['detail'],
  lines: groupedLines,
  actions: paneActions({lines: groupedLines, save: (store, arg) => (arg
    // The grouped outputs as shown (each as ListCommandInvocations gives it), every instance listed, unstyled.
    ? {name: `${arg}-grouped.txt`, text: `${groupedLines(store, arg, Number.MAX_SAFE_INTEGER).map(plainText).join('\n')}\n`}
    : {unavailable: 'no command here'})}),
});
