// `npm start` runs this before the CLI: it builds only when something the build reads is newer than what it wrote,
// so starting an unchanged tree costs a few file stats instead of a full type-check and bundle.
// `npm test` and `npm run bench` always build.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What the build reads: sources, build scripts, dependencies and their patches, compiler settings. */
export const BUILD_INPUTS = ['src', 'scripts', 'patches', 'package.json', 'package-lock.json', 'tsconfig.json',
  'tsconfig.build.json', 'node_modules/.package-lock.json'];
/** What the build writes last, on every build (the bundle; tsc leaves unchanged files alone). */
export const BUILD_OUTPUTS = ['dist/bin/fleetdeck.mjs', 'dist/bin/local-fleet.mjs'];

/** Newest modification time under `p` (a file or a directory tree); 0 when it does not exist. */
function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows only as its directory's change
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Why the build must run, or undefined when dist/ is newer than everything it was built from. */
export function staleReason(root = ROOT) {
  let oldestOutput = Infinity;
  for (const out of BUILD_OUTPUTS) {
    const t = newestMtime(path.join(root, out));
    if (t === 0) return `${out} is missing`;
    oldestOutput = Math.min(oldestOutput, t);
  }
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(root, input)) > oldestOutput) return `${input} changed`;
  }
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reason = staleReason();
  if (reason !== undefined) {
    process.stderr.write(`building (${reason})\n`);
    const npm = process.env.npm_execpath;
    const res = npm
      ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], {cwd: ROOT, stdio: 'inherit'})
      : spawnSync('npm', ['run', '--silent', 'build'], {cwd: ROOT, stdio: 'inherit'});
    process.exit(res.status ?? 1);
  }
}
