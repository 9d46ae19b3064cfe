// Rewrites the generated parts of README.md (usage text and key table) from the built code.
// Run `npm run build && node scripts/update-readme.mjs`; a test fails when the README is out of date.
import fs from 'node:fs';
import {keyTableMarkdown} from '../dist/keys/help-table.js';
import {USAGE} from '../dist/cli/usage.js';

const file = new URL('../README.md', import.meta.url);
let text = fs.readFileSync(file, 'utf8');
const put = (name, body) => {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README.md has no ${name} markers`);
  text = text.replace(re, (_, a, b) => `${a}${body}${b}`);
};
put('usage', '```\n' + USAGE.replace(/^\n/, '').trimEnd() + '\n```');
put('keys', keyTableMarkdown());
fs.writeFileSync(file, text);
