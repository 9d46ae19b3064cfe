/** The Session Manager documents for port forwarding (spec §7) and their parameters, for the client and the agent. */

export const PORT_DOCUMENT = 'AWS-StartPortForwardingSession';
export const PORT_TO_REMOTE_HOST_DOCUMENT = 'AWS-StartPortForwardingSessionToRemoteHost';
export const PORT_DOCUMENTS: readonly string[] = [PORT_DOCUMENT, PORT_TO_REMOTE_HOST_DOCUMENT];

export interface PortForwardTarget {
  /** The port on the node (or on `host`, as the node sees it). */
  portNumber: number;
  /** Only for the remote-host document. */
  host?: string;
  /** 0: the client picks one. */
  localPortNumber?: number;
}

/** StartSession's DocumentName and Parameters for a forward. */
export function portForwardRequest(target: PortForwardTarget): {documentName: string; parameters: Record<string, string[]>} {
  const parameters: Record<string, string[]> = {
    portNumber: [String(target.portNumber)],
    localPortNumber: [String(target.localPortNumber ?? 0)],
  };
  if (target.host === undefined) return {documentName: PORT_DOCUMENT, parameters};
  return {documentName: PORT_TO_REMOTE_HOST_DOCUMENT, parameters: {host: [target.host], ...parameters}};
}

/** A TCP port number (1–65535), or undefined. */
export function parsePort(text: string, allowZero = false): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n <= 65_535 && (n >= 1 || (allowZero && n === 0)) ? n : undefined;
}

/** The instance tag naming ports worth forwarding, e.g. "5432,8080" (presets in the TUI's forward form). */
export const FORWARD_TAG = 'fleetdeck:forward';
