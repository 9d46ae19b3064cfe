// Fixture programs for the pty harness are written in TypeScript (so they are type-checked and linted with the rest
// of test/) and transpiled here, at test time, to .mjs files that plain node can run. Node 20 cannot run .ts, and a
// .mjs under test/ would fail `npm run lint` (typed linting needs every file in the TS project; only bench/**/*.mjs
// is exempt).
//
// Output goes to <tmpdir>/fleetdeck-test-fixtures/<name>-<hash of source>.mjs: written once per source version
// (atomically, so parallel workers never run a half-written file) and reused; nothing to clean up per run.

import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
const OUT_DIR = join(tmpdir(), 'fleetdeck-test-fixtures');

/** Transpiles test/fixtures/<name>.ts to a runnable .mjs (if not already there) and returns its path. */
export function fixturePath(name: string): string {
  const source = readFileSync(join(FIXTURES_DIR, `${name}.ts`), 'utf8');
  const hash = createHash('sha256').update(ts.version).update(source).digest('hex').slice(0, 16);
  const file = join(OUT_DIR, `${name}-${hash}.mjs`);
  if (existsSync(file)) return file;

  const {outputText, diagnostics} = ts.transpileModule(source, {
    fileName: `${name}.ts`,
    reportDiagnostics: true,
    compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false},
  });
  if (diagnostics && diagnostics.length > 0) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`fixture ${name}.ts does not transpile:\n${text}`);
  }
  mkdirSync(OUT_DIR, {recursive: true});
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, outputText);
  renameSync(temp, file);
  return file;
}
