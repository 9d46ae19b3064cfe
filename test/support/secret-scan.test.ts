import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {findLeaks, logFiles} from './secret-scan.js';

describe('the suite\'s secret scan', () => {
  it('finds a secret\'s random part in a fleetdeck log or audit file written since the start, and nothing else', () => {
    const since = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-scan-test-'));
    fs.mkdirSync(path.join(dir, 'fleetdeck'));
    const log = path.join(dir, 'fleetdeck', 'fleetdeck.log');
    const audit = path.join(dir, 'fleetdeck', 'audit.jsonl');
    fs.writeFileSync(log, '{"msg":"put","value":"sha256:abc"}\n');
    fs.writeFileSync(audit, '{"action":"PutParameter","note":"https://hooks.example.com/services/T0a1b2c3d/9f8e7d6c5b4a39281706"}\n');
    fs.writeFileSync(path.join(dir, 'fleetdeck', 'other.txt'), '9f8e7d6c5b4a39281706');
    const files = logFiles(dir, since);
    expect(files.sort()).toEqual([audit, log].sort());
    const ledger = `${JSON.stringify('https://hooks.example.com/services/T0a1b2c3d/9f8e7d6c5b4a39281706')}\n${JSON.stringify('not-in-any-file-0123456789')}\n`;
    expect(findLeaks(ledger, files)).toEqual([{file: audit, pieces: 1}]);
    expect(findLeaks(`${JSON.stringify('0123456789abcdef-unused')}\n`, files)).toEqual([]);
    fs.rmSync(dir, {recursive: true, force: true});
  });
});
