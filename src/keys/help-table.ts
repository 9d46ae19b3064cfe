// The key table as Markdown, generated from the keymap: the README embeds it and a test keeps it current.
import {COMMANDS, SCOPE_TITLES, type Scope} from './commands.js';
import {defaultKeymap, keysFor} from './keymap.js';

export function keyTableMarkdown(): string {
  const keymap = defaultKeymap();
  const lines = ['| Where | Keys | Command | What it does |', '|---|---|---|---|'];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    for (const c of COMMANDS.filter((x) => x.scope === scope)) {
      const keys = keysFor(keymap, c.id).map((k) => `\`${k}\``).join(' ');
      lines.push(`| ${SCOPE_TITLES[scope]} | ${keys} | \`${c.id}\` | ${c.description.replace(/\|/g, '\\|')} |`);
    }
  }
  return lines.join('\n');
}
