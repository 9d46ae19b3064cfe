// From flags to SDK clients: the local fleet (child process), an explicit endpoint, or AWS. Never a silent
// fallback from AWS to the local fleet.
import type {AwsClients} from '../aws/clients.js';
import type {Args} from './flags.js';
import {startLocalChild} from './local-child.js';

export interface Connection {
  aws: AwsClients;
  close(): void;
  /** `--local`: called if the local fleet process dies while we still use it. */
  onLost?(listener: (why: string) => void): void;
}

/** From the config file: settings every client shares. */
export interface ConnectOptions {
  requestTimeoutSeconds?: number;
}

export async function connect(args: Args, opts: ConnectOptions = {}): Promise<Connection> {
  const timeout = opts.requestTimeoutSeconds !== undefined ? {requestTimeoutSeconds: opts.requestTimeoutSeconds} : {};
  if (args.local) {
    // The child loads its own modules while this process loads the SDK.
    const [child, {createAwsClients}] = await Promise.all([
      startLocalChild({nodes: args.nodes, seed: args.seed}),
      import('../aws/clients.js'),
    ]);
    const aws = createAwsClients({kind: 'local', region: child.region, endpoint: child.endpoint, credentials: child.credentials,
      ...timeout});
    return {aws, close: () => {
      aws.destroy();
      child.stop();
    }, onLost: (listener) => child.onUnexpectedExit(listener)};
  }
  const {checkAwsSetup, createAwsClients} = await import('../aws/clients.js');
  const aws = createAwsClients({
    kind: 'aws',
    ...(args.region ? {region: args.region} : {}),
    ...(args.profile ? {profile: args.profile} : {}),
    ...(args.endpointUrl ? {endpoint: args.endpointUrl} : {}),
    ...timeout,
  });
  await checkAwsSetup(aws);
  return {aws, close: () => aws.destroy()};
}
