// Where a worker's entry module is: bundled, every entry sits in dist/bin/ as NAME.mjs; compiled by tsc, it sits
// next to the module that starts it as NAME.js.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

/** The entry `name` next to the module at `from` (its import.meta.url), or undefined when neither build has it. */
export function workerEntry(name: string, from: string): URL | undefined {
  for (const file of [`./${name}.mjs`, `./${name}.js`]) {
    const url = new URL(file, from);
    if (url.protocol === 'file:' && fs.existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
