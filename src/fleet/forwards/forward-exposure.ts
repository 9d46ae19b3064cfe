// A port forward's listener is a door into the instance's network: on a loopback address only this machine can
// use it; on any other address, anyone who can reach this machine can. The user must be told.

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || /^(0{0,4}:){2,7}0{0,3}1$/.test(a) || a === '::1';
}

/** The warning for a forward listening on `bindAddress`, or undefined when it stays on this machine. */
export function exposureWarning(bindAddress: string, target: string): string | undefined {
  if (isLoopbackAddress(bindAddress)) return undefined;
  const where = bindAddress === '0.0.0.0' || bindAddress === '::' ? 'every network interface' : bindAddress;
  return `warning: listening on ${where}: anyone who can reach this machine over the network can connect through ` +
    `this forward to ${target} (bind to 127.0.0.1, the default, to keep it to this machine)`;
}
