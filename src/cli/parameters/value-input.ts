// Where `fleetdeck parameters put` reads a value: a file or stdin, never an argument (arguments land in shell
// history and in every user's `ps`). One trailing newline is dropped, as `echo` and editors add one.
import fs from 'node:fs';
import {UsageError} from '../usage-error.js';

const MAX_BYTES = 8 * 1024;

function trimNewline(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

export async function readValue(file: string | undefined, stdin: NodeJS.ReadableStream & {isTTY?: boolean}): Promise<string> {
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`--value-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return trimNewline(text);
  }
  if (stdin.isTTY) {
    throw new UsageError('put reads the value from stdin or --value-file (never from an argument): ' +
      "printf %s 'value' | fleetdeck parameters put NAME --type String");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    // Parameter Store takes at most 8 KB (Advanced); more is a mistake, not something to buffer without end.
    if (size > MAX_BYTES + 2) throw new UsageError('the value on stdin is over 8 KB, the most Parameter Store takes');
    chunks.push(buf);
  }
  return trimNewline(Buffer.concat(chunks).toString('utf8'));
}
