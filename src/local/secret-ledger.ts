// The test suite's check that no secret reaches a log: with FLEETDECK_SECRET_LEDGER set (by the suite's global
// setup), the local fleet notes here every secret it holds — SecureString values and its own credentials — and the
// suite's teardown looks for them in every log and audit file the run wrote. Unset (always, outside the suite), nothing
// is written. These are the local fleet's generated test secrets, never a real one.
import fs from 'node:fs';

export function noteSecret(text: string): void {
  const ledger = process.env['FLEETDECK_SECRET_LEDGER'];
  if (!ledger || text.length < 8) return;
  fs.appendFileSync(ledger, `${JSON.stringify(text)}\n`, {mode: 0o600});
}
