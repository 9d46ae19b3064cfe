// The dependency rule of DESIGN.md §3 is held by the lint config: a file that breaks it fails `npm run lint`.
import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';

const RESTRICTED = '@typescript-eslint/no-restricted-imports';
const TYPE_IMPORTS = '@typescript-eslint/consistent-type-imports';

// Only the layer rules run (the type-aware rules need a file the TypeScript project knows; these are virtual).
const eslint = new ESLint({
  overrideConfig: {languageOptions: {parserOptions: {projectService: false}}},
  ruleFilter: ({ruleId}) => ruleId === RESTRICTED || ruleId === TYPE_IMPORTS,
});

/** Rule id and line of each problem in `code`, linted as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<[string | null, number][]> {
  const [result] = await eslint.lintText(code, {filePath});
  return (result?.messages ?? []).map((m) => [m.ruleId, m.line]);
}

describe('lint holds the layers', () => {
  it('components/ importing views/ or aws/ fails lint', async () => {
    const code = [
      "import type {TableView} from '../views/view.js';",
      "import type {AwsTarget} from '../aws/clients.js';",
      "import {tone} from './style.js';",
      'export const x = (v: TableView<unknown>, t: AwsTarget): string => tone(t.label, undefined) + String(v);',
    ].join('\n');
    expect(await problems('src/components/x.ts', code)).toEqual([[RESTRICTED, 1], [RESTRICTED, 2]]);
  });

  it('views/ and store/ importing aws/ or local/ fail lint, from any depth', async () => {
    const code = "import type {X} from '../../aws/run-command.js';\nimport {y} from '../../local/index.js';\nexport const z: X = y;\n";
    expect(await problems('src/views/commands/x.ts', code)).toEqual([[RESTRICTED, 1], [RESTRICTED, 2]]);
    expect(await problems('src/store/x.ts', code.replaceAll('../../', '../'))).toEqual([[RESTRICTED, 1], [RESTRICTED, 2]]);
  });

  it('fleet/ imports no adapter, UI layer, Ink or React', async () => {
    const code = [
      "import type {X} from '../aws/run-command.js';",
      "import type {Y} from '../store/store.js';",
      "import {Text} from 'ink';",
      "import {useState} from 'react';",
      "import {sanitizeText} from './sanitize.js';",
      'export const z = [Text, useState, sanitizeText] as unknown as X & Y;',
    ].join('\n');
    expect(await problems('src/fleet/x.ts', code)).toEqual([[RESTRICTED, 1], [RESTRICTED, 2], [RESTRICTED, 3], [RESTRICTED, 4]]);
  });

  it('only aws/ imports the SDK and only terminal/ imports node-pty', async () => {
    const sdk = "import {SSMClient} from '@aws-sdk/client-ssm';\nexport const c = SSMClient;\n";
    const pty = "import {spawn} from '@lydell/node-pty';\nexport const s = spawn;\n";
    expect(await problems('src/session/x.ts', sdk)).toEqual([[RESTRICTED, 1]]);
    expect(await problems('src/cli/x.ts', sdk)).toEqual([[RESTRICTED, 1]]);
    expect(await problems('src/aws/x.ts', sdk)).toEqual([]);
    expect(await problems('src/local/x.ts', pty)).toEqual([[RESTRICTED, 1]]);
    expect(await problems('src/terminal/x.ts', pty)).toEqual([]);
    // The local fleet signs and checks requests with Smithy's SigV4 signer, which is not an SDK client.
    expect(await problems('src/local/y.ts', "import {SignatureV4} from '@smithy/signature-v4';\nexport const s = SignatureV4;\n")).toEqual([]);
  });

  it('the libraries below the UI never import Ink or React', async () => {
    const code = "import {Box} from 'ink';\nimport {jsx} from 'react/jsx-runtime';\nexport const b = [Box, jsx];\n";
    for (const layer of ['aws', 'session', 'terminal', 'local']) {
      expect(await problems(`src/${layer}/x.ts`, code), layer).toEqual([[RESTRICTED, 1], [RESTRICTED, 2]]);
    }
  });

  it('the layers above may import what they sit on, and type-only imports must say so', async () => {
    expect(await problems('src/views/x.ts', "import {tone} from '../components/style.js';\nimport type {Invocation} from '../fleet/run-command-port.js';\nexport const t = (i: Invocation) => tone(i.output, undefined);\n")).toEqual([]);
    expect(await problems('src/views/y.ts', "import {Invocation} from '../fleet/run-command-port.js';\nexport const f = (i: Invocation) => i.output;\n")).toEqual([[TYPE_IMPORTS, 1]]);
  });
});
