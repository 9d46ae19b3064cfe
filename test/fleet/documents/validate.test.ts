// A document is checked before it is sent: each problem names its line.
import {describe, expect, it} from 'vitest';
import {COMMAND_TEMPLATE, formatOf, validateDocument} from '../../../src/fleet/documents/validate.js';

describe('document validation before sending', () => {
  it('accepts the template and a JSON document', () => {
    expect(validateDocument(COMMAND_TEMPLATE, 'Command')).toEqual([]);
    const json = JSON.stringify({schemaVersion: '2.2', description: 'x', mainSteps: [{action: 'aws:runShellScript', name: 'a', inputs: {runCommand: ['true']}}]}, null, 2);
    expect(formatOf(json)).toBe('JSON');
    expect(validateDocument(json, 'Command')).toEqual([]);
  });

  it('names the line of each problem', () => {
    const text = 'schemaVersion: "3.0"\nparameters:\n  who:\n    type: Number\nmainSteps:\n  - action: aws:runShellScript\n    name: a\n  - name: a\n';
    expect(validateDocument(text, 'Command')).toEqual([
      {line: 1, message: 'schemaVersion 3.0 is not one a Command document takes (1.2, 2.0, 2.2)'},
      {line: 3, message: 'parameter who needs a type: String or StringList'},
      {line: 8, message: 'a step needs an action, e.g. aws:runShellScript'},
      {line: 8, message: 'step name a is used twice'},
    ]);
    expect(validateDocument('schemaVersion: "2.2"\n', 'Command')).toEqual([{message: 'a Command document with schemaVersion 2.2 needs mainSteps'}]);
    expect(validateDocument('{"schemaVersion": "2.2",\n "mainSteps": [\n}', 'Command')[0]).toMatchObject({message: expect.stringMatching(/^not valid JSON/)});
    expect(validateDocument('a: [\n', 'Command')[0]?.line).toBeGreaterThan(0);
  });
});
