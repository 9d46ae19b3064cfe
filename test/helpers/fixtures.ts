// Fixture programs for the pty harness are written in TypeScript (so they are type-checked and linted with the rest
// of test/) and transpiled here, at test time, to .mjs files in a temporary directory that plain node can run.
// Node 20 cannot run .ts, and a .mjs under test/ would fail `npm run lint` (typed linting needs every file in the TS
// project; only bench/**/*.mjs is exempt).

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

let outDir: string | undefined;
const built = new Map<string, string>();

/** Transpiles test/fixtures/<name>.ts to a runnable .mjs (once per process) and returns its path. */
export function fixturePath(name: string): string {
  const cached = built.get(name);
  if (cached !== undefined) return cached;
  if (outDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'fleetdeck-fixtures-'));
    outDir = dir;
    process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
  }
  const source = readFileSync(join(FIXTURES_DIR, `${name}.ts`), 'utf8');
  const {outputText, diagnostics} = ts.transpileModule(source, {
    fileName: `${name}.ts`,
    reportDiagnostics: true,
    compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false},
  });
  if (diagnostics && diagnostics.length > 0) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`fixture ${name}.ts does not transpile:\n${text}`);
  }
  const file = join(outDir, `${name}.mjs`);
  writeFileSync(file, outputText);
  built.set(name, file);
  return file;
}
