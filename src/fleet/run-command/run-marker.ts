// A run of more than 50 instances is several SendCommands. Each carries the same short marker at the end of its
// Comment, so the command history can show the run as one row, across restarts and from other machines, while the
// user's own comment stays readable before it. SSM keeps at most 100 characters of Comment.
import {randomBytes} from 'node:crypto';

const COMMENT_MAX = 100;
const MARK = /\s*\[fd:([0-9a-f]{8})\]$/;

/** A fresh marker for one run. */
export const newRunMark = (): string => randomBytes(4).toString('hex');

/** The user's comment with the run's marker after it (the comment shortened if both would not fit). */
export function markComment(comment: string | undefined, mark: string): string {
  const tag = `[fd:${mark}]`;
  const text = (comment ?? '').trim();
  if (!text) return tag;
  const room = COMMENT_MAX - tag.length - 1;
  return `${text.length > room ? `${text.slice(0, room - 1)}…` : text} ${tag}`;
}

/** A command's Comment split into the user's comment and the run's marker, when it has one. */
export function readMark(comment: string): {comment: string; mark?: string} {
  const m = MARK.exec(comment);
  return m?.[1] ? {comment: comment.slice(0, m.index), mark: m[1]} : {comment};
}
