// A document's content is untrusted: its lines reach the screen sanitized, with only fleetdeck's own styling on keys.
import {describe, expect, it} from 'vitest';
import {highlightLine} from '../../../src/views/documents/detail.js';
import {plainText} from '../../../src/views/pane-actions.js';

describe('document content lines', () => {
  it('highlights JSON and YAML keys and strips escape sequences from the text', () => {
    expect(plainText(highlightLine('  "schemaVersion": "2.2",', 'JSON'))).toBe('  "schemaVersion": "2.2",');
    expect(highlightLine('  "schemaVersion": "2.2",', 'JSON')).not.toBe('  "schemaVersion": "2.2",');
    expect(plainText(highlightLine('    - action: aws:runShellScript', 'YAML'))).toBe('    - action: aws:runShellScript');
    const hostile = highlightLine('description: "\u001b]52;c;aGk=\u0007\u001b[2Jboom"', 'YAML');
    expect(plainText(hostile)).not.toMatch(/[\u001b\u0007]/);
    expect(plainText(hostile)).toContain('boom');
  });
});
