// The header's word on the contexts in view: each context's name (in its colour), its row count, and loudly what is
// wrong or guarded there (stale data, credentials to renew, read-only, protected).
import {accountLabel, type ContextInfo} from '../fleet/contexts/context.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {clock} from '../fleet/format.js';
import type {ContextLoad} from '../store/contexts-slice.js';
import {bold, colorEnabled, inverse, tone} from './style.js';

const COLOUR_SGR: Readonly<Record<string, string>> = {
  red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36', white: '37', gray: '90', grey: '90',
};

function coloured(text: string, colour: string | undefined): string {
  const sgr = colour === undefined ? undefined : COLOUR_SGR[colour];
  return sgr === undefined || !colorEnabled() ? text : `\x1b[${sgr}m${text}\x1b[39m`;
}

/** A guard said loudly: reverse video (it stands out even without colour), bold, in the guard's colour. */
function loud(text: string, t: 'bad' | 'warn'): string {
  return inverse(bold(tone(text, t)));
}

/** READ-ONLY and PROTECTED of one context, loud (the header's word on the only context of a run). */
export function guardBadges(c: ContextInfo): string {
  return [c.spec.protected ? loud('PROTECTED', 'bad') : '', c.spec.readOnly ? loud('READ-ONLY', 'warn') : ''].filter(Boolean).join(' ');
}

/** What is wrong with a context's credentials, in a word or two (undefined when they work or are not known yet). */
export function credentialWord(c: ContextInfo): string | undefined {
  switch (c.credentials.kind) {
    case 'login-needed': return 'login needed';
    case 'expired': return 'credentials expired';
    case 'denied': return 'access denied';
    case 'unreachable': return 'unreachable';
    default: return undefined;
  }
}

/** One badge per context in view, and how many are out of view. */
export function contextBadges(infos: readonly ContextInfo[], loads: Readonly<Record<string, ContextLoad>>): string {
  const inView = infos.filter((c) => c.inView !== false);
  const badges = inView.map((c) => {
    const name = sanitizeText(c.spec.name);
    const load = loads[c.spec.name];
    const flags = [
      load ? String(load.rows) : '',
      c.spec.protected ? loud('PROTECTED', 'bad') : '',
      c.spec.readOnly ? loud('READ-ONLY', 'warn') : '',
      credentialWord(c) ? tone(credentialWord(c) ?? '', 'bad') : load?.error ? tone('⚠ stale', 'bad') : '',
    ].filter(Boolean);
    return `${bold(coloured(name, c.spec.colour))}${flags.length ? ` ${flags.join(' ')}` : ''}`;
  });
  const hidden = infos.length - inView.length;
  const accounts = new Set(inView.map((c) => accountLabel(c))).size;
  const regions = new Set(inView.map((c) => c.spec.region)).size;
  return [`${accounts} account${accounts === 1 ? '' : 's'} × ${regions} region${regions === 1 ? '' : 's'}:`, ...badges,
    hidden ? tone(`+${hidden} out of view (:ctx)`, 'muted') : ''].filter(Boolean).join(' ');
}

/** The first context in trouble, said in full with what to do (the status line), or undefined when all are well. */
export function contextTrouble(infos: readonly ContextInfo[], loads: Readonly<Record<string, ContextLoad>>): string | undefined {
  for (const c of infos) {
    if (c.inView === false) continue;
    const cred = c.credentials;
    const load = loads[c.spec.name];
    const stale = load?.at !== undefined ? ` (showing its data from ${clock(load.at)})` : '';
    if (cred.kind === 'login-needed' || cred.kind === 'expired') {
      const fix = cred.command ? `: run \`${cred.command}\`` : '';
      return sanitizeText(`${c.spec.name}: ${cred.message}${fix}${stale}; the other contexts stay live`);
    }
    if (cred.kind === 'denied' || cred.kind === 'unreachable') return sanitizeText(`${c.spec.name}: ${cred.message}${stale}`);
    if (load?.error) return sanitizeText(`${c.spec.name}: ${load.error}${stale}; the other contexts stay live`);
  }
  return undefined;
}
