// Where ctrl+s puts what it saves: $XDG_STATE_HOME/fleetdeck/saved/, a private directory, files 0600 written
// without following links. File names come from ids in AWS answers, so anything but a safe set of characters goes.
import path from 'node:path';
import {stateDir} from '../log.js';
import {ensurePrivateDir, writePrivateFileNoFollow} from './private-files.js';

export function savedDir(): string {
  return path.join(stateDir(), 'saved');
}

/** A file name made of letters, digits, dot, dash and underscore only (never a path, never hidden). */
export function safeFileName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 200);
  return clean || 'saved.txt';
}

/** Save `text` as `name` in the saved directory; returns the full path written. */
export function saveText(name: string, text: string): string {
  const dir = savedDir();
  ensurePrivateDir(dir);
  const file = path.join(dir, safeFileName(name));
  writePrivateFileNoFollow(file, text);
  return file;
}
