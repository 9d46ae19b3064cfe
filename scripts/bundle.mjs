// Bundles the CLI, the local fleet's process entry and the shell panes' screen worker into dist/bin/ with esbuild.
// Startup is dominated by module loading (Ink, React, three SDK clients: thousands of files); one bundle with lazily
// loaded chunks starts about three times faster than the same code as separate modules.
import fs from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

/**
 * Yoga (Ink's layout engine) fetch()es its WebAssembly from a data: URL when fetch exists, and Node's fetch is a
 * module of its own to load first (about 20 ms at start); without fetch it decodes the same base64 at once, with
 * atob and a loop over 70 kB (5 ms), which Buffer does in a tenth of a millisecond.
 */
const yogaQuickStart = {
  name: 'yoga-quick-start',
  setup(b) {
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
      let source = await fs.promises.readFile(args.path, 'utf8');
      const edits = [
        ['"function"!=typeof fetch', 'true'],
        ['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
          'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'],
      ];
      for (const [code, faster] of edits) {
        if (!source.includes(code)) {
          return {errors: [{text: `${args.path} no longer holds \`${code}\`: update the yoga-quick-start plugin`}]};
        }
        source = source.replaceAll(code, faster);
      }
      return {contents: source, loader: 'js'};
    });
  },
};

/**
 * string-width (Ink's, and its dependencies') takes every string holding a character beyond ASCII through
 * Intl.Segmenter and a dozen regular expressions: a table row with one ↑ costs about 0.2 ms, and a frame measures
 * each row several times. Its imports are given a front that answers for the text that cannot need any of that
 * (scripts/narrow-width.mjs) and asks the package it wraps (whichever version the importer has) for the rest.
 */
const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(b) {
    const front = path.resolve('scripts/narrow-width.mjs');
    b.onResolve({filter: /^string-width$/}, async (args) => {
      if (args.namespace === 'narrow-string-width') return undefined;
      const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, namespace: 'narrow-string-width'});
      if (real.errors.length > 0) return {errors: real.errors};
      return {path: real.path, namespace: 'narrow-string-width'};
    });
    b.onLoad({filter: /.*/, namespace: 'narrow-string-width'}, (args) => ({
      resolveDir: path.dirname(args.path),
      contents: `import stringWidth from ${JSON.stringify(args.path)};
import {narrowWidth} from ${JSON.stringify(front)};
export default (text, options) => narrowWidth(text, options) ?? stringWidth(text, options);`,
    }));
  },
};

const result = await build({
  entryPoints: {'fleetdeck': 'src/cli.tsx', 'local-fleet': 'src/local/main.ts', 'screen-worker': 'src/terminal/screen-worker.ts',
    'instances-stream': 'src/cli/instances-stream.ts'},
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: {'.js': '.mjs'},
  sourcemap: 'linked',
  // Packages' ES module builds ("module") before their CommonJS ones ("main"): esbuild can drop what is never
  // imported from them. The AWS SDK's CommonJS builds are one file per client holding every operation, each
  // evaluated in full at start; its ES builds leave out the operations the app never calls.
  mainFields: ['module', 'main'],
  // The dashboard runs React's production build (src/cli/process-setup.ts); fixed here, the development build is
  // left out of the bundle instead of being parsed at every start. process-setup.ts still sets it at run time
  // for the unbundled modules.
  define: {'process.env.NODE_ENV': '"production"'},
  logOverride: {'assign-to-define': 'silent'},
  plugins: [yogaQuickStart, narrowStringWidth],
  // Ink imports the React devtools only in development; production builds never load it.
  alias: {'react-devtools-core': './scripts/devtools-stub.mjs'},
  // ws masks and unmasks frames with this native addon when it can load it: left to be required from node_modules
  // (bundled, it could not find its prebuilt binary and would fall back to JavaScript).
  external: ['bufferutil'],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: {js: "import {createRequire as __fdRequire} from 'node:module'; const require = __fdRequire(import.meta.url);"},
  logLevel: 'warning',
  metafile: true,
});

// Chunk names change with their content: drop the ones this build did not write, or dist/ grows with every build.
// Only those older than a few minutes, so a CLI started from the previous build can still load its lazy chunks.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(f)));
const stale = Date.now() - 5 * 60_000;
for (const name of fs.readdirSync('dist/bin')) {
  const file = path.resolve('dist/bin', name);
  if (!written.has(file) && fs.statSync(file).mtimeMs < stale) fs.rmSync(file);
}
