// One Distributor package (`enter`): owner, description, platforms of the default version, every version (the default
// marked) and how many instances have each version installed (inventory AWS:Application). I installs (a version
// asked), U uninstalls, w lists the instances that have it.
import {inventoryNameOf} from '../../fleet/distributor/package.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {askInstall, configurePackage, detailKey, inventoryNames, openWhoHasIt, shownPackage, type PackagePage} from './open.js';
import {ownerText} from './distributor-view.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(16)} ${value ? sanitizeText(value) : '—'}`;
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export function packageLines(p: PackagePage): string[] {
  const k = p.pkg;
  const names = inventoryNames(k.name);
  const lines = [
    field('Name', k.name),
    field('Owner', ownerText(k)),
    field('Description', k.description),
    field('Platforms', p.platforms.length ? p.platforms.join(' · ') : k.platformTypes.join(', ')),
    field('Inventory name', names.length > 1 ? `${inventoryNameOf(k.name, 'Linux')} (Linux) · ${inventoryNameOf(k.name, 'Windows')} (Windows)` : names[0]),
    '', `Versions (${p.versions.length})`,
  ];
  for (const v of [...p.versions].reverse()) {
    lines.push(`  ${sanitizeText(v.version).padEnd(20)} ${day(v.createdDate)}  document version ${sanitizeText(v.documentVersion)}${v.isDefault ? tone('  default', 'accent') : ''}`);
  }
  lines.push('', 'Installed (inventory)');
  if (p.installed === undefined) lines.push(tone('  (inventory could not be read)', 'muted'));
  else if (p.installed.length === 0) lines.push(tone('  no instance reports it', 'muted'));
  for (const c of [...(p.installed ?? [])].sort((a, b) => b.count - a.count)) {
    lines.push(`  ${(c.values['Version'] ?? '?').padEnd(20)} ${c.count} instance${c.count === 1 ? '' : 's'}${names.length > 1 ? `  (${c.values['Name'] ?? ''})` : ''}`);
  }
  lines.push('', tone('  I install (version asked) · U uninstall · w instances that have it', 'muted'));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<PackagePage>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    return packageLines(e.value);
  },
  save: (store, arg) => (arg && entry(store, arg)?.state === 'ok' ? {name: `package-${arg}.txt`, text: `${text.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`}
    : {unavailable: 'the package has not loaded yet'}),
};

const shown = (ctx: ActionContext) => shownPackage(ctx, currentScreen(ctx.store.getState()).arg);

export const packageDetailView = definePaneView({
  id: 'distributor-package',
  title: 'Distributor package',
  aliases: [],
  scopes: ['distributorPackage', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'distributorPackage.install': (ctx) => {
      const p = shown(ctx);
      if (p) askInstall(ctx, p);
    },
    'distributorPackage.uninstall': (ctx) => {
      const p = shown(ctx);
      if (p) configurePackage(ctx, p.pkg.name, 'Uninstall');
    },
    'distributorPackage.who': (ctx) => {
      const name = currentScreen(ctx.store.getState()).arg;
      if (name) openWhoHasIt(ctx, name);
    },
  },
});
