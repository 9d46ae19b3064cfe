// fleetdeck's own files (config, log, audit) hold what operators did and how they connect: directories are created
// 0700 and files 0600, links are never followed for the append-only logs, a directory any user can write is
// refused (anyone could swap the audit log), and the config is replaced atomically, through a symlinked file.
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** A file or directory fleetdeck will not use as it is; the message names it and says what to do. */
export class UnsafeFileError extends Error {
  override name = 'UnsafeFileError';
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** Create `dir` (and its parents) 0700 if missing; an existing directory that every user may write is refused. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, {recursive: true, mode: PRIVATE_DIR_MODE});
  const st = fs.statSync(dir);
  if (st.mode & 0o002) {
    throw new UnsafeFileError(`${dir} is writable by every user on this machine, so anyone could replace fleetdeck's ` +
      `files in it; fleetdeck will not use it. Fix it with: chmod 700 '${dir}'`);
  }
}

/**
 * Open `file` for appending, created 0600; a symbolic link is refused (ELOOP) rather than followed, so a link
 * planted in place of the log cannot make fleetdeck append to another file.
 */
export function openPrivateAppend(file: string): number {
  const {O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW} = fs.constants;
  try {
    return fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, PRIVATE_FILE_MODE);
  } catch (e) {
    if (code(e) === 'ELOOP') {
      throw new UnsafeFileError(`${file} is a symbolic link; fleetdeck does not follow links for its log files. ` +
        `Remove the link (rm '${file}') and fleetdeck creates a regular file.`);
    }
    throw e;
  }
}

/** Append one line through a descriptor opened without following links. */
export function appendPrivateLine(file: string, line: string): void {
  const fd = openPrivateAppend(file);
  try {
    fs.writeSync(fd, line);
  } finally {
    fs.closeSync(fd);
  }
}

/** "…is writable by its group and others" for each existing path whose mode lets others change it. */
export function permissionWarnings(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue; // Missing files are created private.
    }
    if (st.isSymbolicLink()) continue; // Judged where they are opened (refused for logs, resolved for the config).
    const who = [st.mode & 0o020 ? 'its group' : '', st.mode & 0o002 ? 'every user' : ''].filter(Boolean);
    if (who.length) {
      out.push(`${p} is writable by ${who.join(' and ')} (fix: chmod ${st.isDirectory() ? '700' : '600'} '${p}')`);
    }
  }
  return out;
}

/** Where writing `file` should land: the target of a symlink (kept as a link), else the path itself. */
function writeTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch (e) {
    if (code(e) !== 'ENOENT') throw e;
  }
  // Missing, or a link to a file not created yet: follow the links by hand to the name that will be created.
  let p = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw new UnsafeFileError(`${file}: too many levels of symbolic links`);
}

/**
 * Replace `file` with `text` atomically: a 0600 temporary file in the same directory, flushed to disk, renamed over
 * the target. A symlinked file stays a link; its target is what changes. A crash leaves the old or the new content.
 */
export function writePrivateFileAtomic(file: string, text: string): void {
  const target = writeTarget(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, {recursive: true, mode: PRIVATE_DIR_MODE});
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, {force: true});
    throw e;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd); // The rename itself survives a crash.
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Write `text` to `file` (created 0600, or truncated and made 0600), never through a symbolic link: a link planted
 * where a saved file goes is refused (ELOOP) rather than followed to whatever it points at.
 */
export function writePrivateFileNoFollow(file: string, text: string): void {
  const {O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW} = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, PRIVATE_FILE_MODE);
  } catch (e) {
    if (code(e) === 'ELOOP') {
      throw new UnsafeFileError(`${file} is a symbolic link; fleetdeck does not write through links (remove it: rm '${file}')`);
    }
    throw e;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
