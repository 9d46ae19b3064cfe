// What the audit log keeps of a written value: a digest that tells two writes apart (and matches a value you hold)
// without saying what the value was. Never the value, not even a prefix of it.
import {createHash} from 'node:crypto';

export function valueDigest(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}
