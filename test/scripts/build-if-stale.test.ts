// `npm start` skips the build when dist/ is newer than everything the build reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {BUILD_OUTPUTS, staleReason} from '../../scripts/build-if-stale.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
});

/** A tree with sources at `srcAt` and build outputs at `distAt` (seconds since the epoch). */
function tree(srcAt: number, distAt: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-stale-'));
  dirs.push(root);
  const file = (rel: string, at: number) => {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), {recursive: true});
    fs.writeFileSync(p, '');
    fs.utimesSync(p, at, at);
  };
  for (const f of ['src/cli.tsx', 'src/fleet/filter.ts', 'scripts/bundle.mjs', 'patches/ink+6.8.0.patch', 'package.json',
    'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'node_modules/.package-lock.json']) file(f, srcAt);
  for (const d of ['src/fleet', 'src', 'scripts', 'patches']) fs.utimesSync(path.join(root, d), srcAt, srcAt);
  for (const f of BUILD_OUTPUTS) file(f, distAt);
  return root;
}

const touch = (root: string, rel: string, at: number) => fs.utimesSync(path.join(root, rel), at, at);

it('an unchanged tree is not rebuilt', () => {
  expect(staleReason(tree(1_000, 2_000))).toBeUndefined();
});

it('a missing bundle, or any source, script, patch, lockfile or installed dependency newer than the bundle rebuilds', () => {
  expect(staleReason(tree(2_000, 1_000))).toMatch(/changed/);
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetdeck-stale-'));
  dirs.push(fresh);
  expect(staleReason(fresh)).toBe('dist/bin/fleetdeck.mjs is missing');
  for (const rel of ['src/fleet/filter.ts', 'scripts/bundle.mjs', 'patches/ink+6.8.0.patch', 'package-lock.json',
    'node_modules/.package-lock.json', 'tsconfig.build.json']) {
    const root = tree(1_000, 2_000);
    touch(root, rel, 3_000);
    expect(staleReason(root), rel).toBe(`${rel.startsWith('node_modules') ? rel : rel.split('/')[0]} changed`);
  }
});

it('a deleted source file rebuilds (its directory changed)', () => {
  const root = tree(1_000, 2_000);
  fs.rmSync(path.join(root, 'src/fleet/filter.ts'));
  touch(root, 'src/fleet', 3_000);
  expect(staleReason(root)).toBe('src changed');
});
