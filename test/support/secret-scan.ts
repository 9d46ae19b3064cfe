// After the whole suite: no secret the local fleets held (SecureString values, their credentials) may appear in any
// log or audit file the run wrote. The fleets note their secrets in a ledger (src/local/secret-ledger.ts); this file
// sets the ledger up before the workers start and, after the last test, reads every fleetdeck log and audit file
// written during the run. A finding fails the run, naming the file (never the secret).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOG_NAMES = /^(fleetdeck\.log|audit\.jsonl)$/;
/** Secrets are matched by their pieces: runs of these characters of 12 or more (random parts, never words). */
const PIECE = /[A-Za-z0-9_+/-]{12,}/g;

function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

/**
 * fleetdeck log and audit files under `dir` changed since `since` (not following links; a few levels deep). File times
 * come from the kernel's coarse clock, a few ms behind Date.now(): a second of slack keeps a fresh file in.
 */
export function logFiles(dir: string, since: number, depth = 4, out: string[] = []): string[] {
  const from = since - 1000;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, {withFileTypes: true});
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0 && e.name !== 'node_modules') {
      const st = fs.statSync(p, {throwIfNoEntry: false});
      if (st && st.mtimeMs >= from) logFiles(p, since, depth - 1, out);
      else if (st && e.name === 'fleetdeck') logFiles(p, since, depth - 1, out);
    } else if (e.isFile() && LOG_NAMES.test(e.name) && (fs.statSync(p, {throwIfNoEntry: false})?.mtimeMs ?? 0) >= from) {
      out.push(p);
    }
  }
  return out;
}

/** The files among `files` holding a piece of a secret from `ledger`, with how many pieces each holds. */
export function findLeaks(ledgerText: string, files: readonly string[]): {file: string; pieces: number}[] {
  const secretPieces = new Set<string>();
  for (const line of ledgerText.split('\n')) {
    if (line.trim() === '') continue;
    for (const p of pieces(JSON.parse(line) as string)) secretPieces.add(p);
  }
  const leaks: {file: string; pieces: number}[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const found = new Set(pieces(text).filter((p) => secretPieces.has(p)));
    if (found.size > 0) leaks.push({file, pieces: found.size});
  }
  return leaks;
}

export function setup(): () => void {
  const started = Date.now();
  const ledger = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fd-secret-ledger-')), 'ledger.jsonl');
  fs.writeFileSync(ledger, '', {mode: 0o600});
  process.env['FLEETDECK_SECRET_LEDGER'] = ledger;
  return () => {
    const files = [...logFiles(os.tmpdir(), started), ...logFiles(path.join(os.homedir(), '.local', 'state'), started)];
    const leaks = findLeaks(fs.readFileSync(ledger, 'utf8'), files);
    fs.rmSync(path.dirname(ledger), {recursive: true, force: true});
    if (leaks.length > 0) {
      // Vitest reports an error thrown here but keeps its exit code: the run must fail.
      process.exitCode = 1;
      throw new Error(`secrets found in ${leaks.length} log or audit file(s) after the suite: ` +
        leaks.map((l) => `${l.file} (${l.pieces})`).join(', '));
    }
  };
}
