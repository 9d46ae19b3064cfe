/**
 * Version rules that decide the port-forwarding mode and smux keepalive (spec §5, §7). Each side uses its own
 * comparison, reproduced exactly: the plugin's (session-manager-plugin src/version/versionutil.go) and the
 * agent's versionutil.Compare (which tries go-semver v0.2.0 first).
 */

/**
 * The ClientVersion we report, in the OpenDataChannel frame and in the HandshakeResponse. It matters because the
 * agent decides from it, and the two sides must decide alike:
 * - mux port forwarding iff ClientVersion ≥ 1.1.70; we use mux iff AgentVersion > 3.0.196.0, so with any version
 *   ≥ 1.1.70 both sides agree for every agent that knows mux (older agents only know basic mode);
 * - smux keepalive is off iff ClientVersion > 1.2.331.0. We follow the current plugin and drop keepalive only when
 *   AgentVersion > 3.1.1511.0; a source-built plugin reporting 1.2.0.0 makes the agent expect NOPs that the client
 *   never sends, killing idle tunnels after ~30–60 s (session-manager-plugin#83, #39; amazon-ssm-agent#450);
 * - ≤ 1.2.295 gets an "update your plugin" CustomerMessage with separate output streams.
 * 1.2.707.0 is a released plugin version newer than the plugin source the spec was read from (after 1.2.650.0).
 */
export const CLIENT_VERSION = '1.2.707.0';

export const MUX_SUPPORTED_AFTER_AGENT_VERSION = '3.0.196.0';
export const SMUX_KEEPALIVE_DISABLED_AFTER_AGENT_VERSION = '3.1.1511.0';
export const TERMINATE_SESSION_FLAG_SUPPORTED_AFTER_AGENT_VERSION = '2.3.722.0';
export const AGENT_MUX_MIN_CLIENT_VERSION = '1.1.70';
export const AGENT_KEEPALIVE_DISABLED_AFTER_CLIENT_VERSION = '1.2.331.0';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go strconv.Atoi / ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
export function goAtoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** Go strings.SplitN(s, sep, n) for n > 0: the last part keeps the remainder. */
function splitN(text: string, sep: string, n: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < n - 1) {
    const at = rest.indexOf(sep);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + sep.length);
  }
  parts.push(rest);
  return parts;
}

/** Go's byte-wise string comparison (UTF-8), as -1/0/1. */
function goCompareStrings(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

const cmp = (a: bigint, b: bigint): number => (a > b ? 1 : a < b ? -1 : 0);

// ---------------------------------------------------------------------------------------------------------------
// Plugin side

/**
 * The plugin's version.compare: numeric, component by component; different component counts, an empty string or
 * a non-numeric component are errors (undefined).
 */
export function pluginCompareVersions(a: string, b: string): -1 | 0 | 1 | undefined {
  if (a === '' || b === '') return undefined;
  const pa = a.split('.');
  const pb = b.split('.');
  if (pa.length !== pb.length) return undefined;
  for (let i = 0; i < pa.length; i++) {
    const x = goAtoi(pa[i] ?? '');
    const y = goAtoi(pb[i] ?? '');
    if (x === undefined || y === undefined) return undefined;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}

/** isAgentVersionGreaterThanSupportedVersion: true only when the comparison succeeds and says "greater". */
export function isAgentVersionGreaterThan(agentVersion: string, supportedVersion: string): boolean {
  return pluginCompareVersions(agentVersion, supportedVersion) === 1;
}

/** Client: mux port forwarding (for type LocalPortForwarding) iff AgentVersion > 3.0.196.0. */
export function useMux(agentVersion: string): boolean {
  return isAgentVersionGreaterThan(agentVersion, MUX_SUPPORTED_AFTER_AGENT_VERSION);
}

/** Client: smux keepalive stays on unless AgentVersion > 3.1.1511.0. */
export function clientKeepaliveEnabled(agentVersion: string): boolean {
  return !isAgentVersionGreaterThan(agentVersion, SMUX_KEEPALIVE_DISABLED_AFTER_AGENT_VERSION);
}

/** Client: Ctrl+C sends Flag TerminateSession iff AgentVersion > 2.3.722.0 (else call the TerminateSession API). */
export function agentSupportsTerminateSessionFlag(agentVersion: string): boolean {
  return isAgentVersionGreaterThan(agentVersion, TERMINATE_SESSION_FLAG_SUPPORTED_AFTER_AGENT_VERSION);
}

// ---------------------------------------------------------------------------------------------------------------
// Agent side

interface SemVer {
  parts: [bigint, bigint, bigint];
  preRelease: string;
}

/** go-semver v0.2.0 Version.Set: metadata after '+', pre-release after '-', then exactly "X.Y.Z" (ParseInt). */
function parseSemVer(text: string): SemVer | undefined {
  const [withoutMeta = ''] = splitN(text, '+', 2);
  const pre = splitN(withoutMeta, '-', 2);
  const dotParts = splitN(pre[0] ?? '', '.', 3);
  if (dotParts.length !== 3) return undefined;
  const nums = dotParts.map(goAtoi);
  const [major, minor, patch] = nums;
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return {parts: [major, minor, patch], preRelease: pre[1] ?? ''};
}

function comparePreRelease(a: string[], b: string[]): number {
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return y === undefined ? 0 : -1;
    if (y === undefined) return 1;
    const xi = goAtoi(x);
    const yi = goAtoi(y);
    if (xi !== undefined && yi !== undefined && xi !== yi) return cmp(xi, yi);
    const text = goCompareStrings(x, y);
    if (text !== 0) return text;
  }
}

function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const c = cmp(a.parts[i] ?? 0n, b.parts[i] ?? 0n);
    if (c !== 0) return c;
  }
  if (a.preRelease === '' && b.preRelease !== '') return 1;
  if (b.preRelease === '' && a.preRelease !== '') return -1;
  return comparePreRelease(a.preRelease.split('.'), b.preRelease.split('.'));
}

/** versionutil.normalizeForCompare: drops trailing components that are numerically 0. */
function normalizeForCompare(version: string): string {
  let significant = version.length;
  for (let i = version.length - 1; i >= 0; i--) {
    const c = version[i];
    if (c !== '0' && c !== '.') break;
    if (c === '.') significant = i;
    if (i === 0) significant = 0;
  }
  return version.slice(0, significant);
}

/**
 * The agent's versionutil.Compare: semver rules when both parse as semver; otherwise component by component,
 * numerically when both are integers, else as text; then the one with fewer components is smaller (the result is
 * the component-count difference, not just ±1).
 */
export function agentCompareVersions(a: string, b: string, strictSort: boolean): number {
  const sa = parseSemVer(a);
  const sb = parseSemVer(b);
  if (sa !== undefined && sb !== undefined) return compareSemVer(sa, sb);
  const ca = (strictSort ? a : normalizeForCompare(a)).split('.');
  const cb = (strictSort ? b : normalizeForCompare(b)).split('.');
  for (let i = 0; i < ca.length && i < cb.length; i++) {
    const x = ca[i] ?? '';
    const y = cb[i] ?? '';
    const xi = goAtoi(x);
    const yi = goAtoi(y);
    const c = xi !== undefined && yi !== undefined ? cmp(xi, yi) : goCompareStrings(x, y);
    if (c !== 0) return c;
  }
  return ca.length - cb.length;
}

/** Agent: mux (for type LocalPortForwarding) iff Compare(ClientVersion, "1.1.70", true) ≥ 0. */
export function agentUsesMux(clientVersion: string): boolean {
  return agentCompareVersions(clientVersion, AGENT_MUX_MIN_CLIENT_VERSION, true) >= 0;
}

/** Agent: smux keepalive stays on unless Compare(ClientVersion, "1.2.331.0", true) > 0. */
export function agentKeepaliveEnabled(clientVersion: string): boolean {
  return !(agentCompareVersions(clientVersion, AGENT_KEEPALIVE_DISABLED_AFTER_CLIENT_VERSION, true) > 0);
}
