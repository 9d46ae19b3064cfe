import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../src/keys/help-table.js';
import {USAGE} from '../src/cli/usage.js';

const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (name: string) => {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
  return m?.[1];
};
const hint = 'run `npm run build && node scripts/update-readme.mjs`';

describe('README', () => {
  it('opens with the two quick-start commands', () => {
    const firstCode = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstCode).toContain('npm ci && npm start');
    expect(firstCode).toContain('npm ci && npm test');
  });

  it(`has the current key table (${hint})`, () => {
    expect(section('keys')).toBe(keyTableMarkdown());
  });

  it(`has the current usage text (${hint})`, () => {
    expect(section('usage')).toBe('```\n' + USAGE.replace(/^\n/, '').trimEnd() + '\n```');
  });
});
