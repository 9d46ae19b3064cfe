// Runs a resource's headless command (`fleetdeck parameters get NAME`): loads its module, connects only when the
// command asks (after its arguments were checked), and closes the connection on every exit path.
import type {Args} from './flags.js';
import {connect, type Connection, type ConnectOptions} from './connect.js';
import {findResourceCommand} from './resources.js';

export async function runResourceCommand(args: Args, opts: ConnectOptions): Promise<number> {
  const spec = args.resource;
  const command = findResourceCommand(spec?.name);
  if (!spec || !command) throw new Error('no resource command to run');
  const module = await command.load();
  let conn: Connection | undefined;
  try {
    return await module.run({
      verb: spec.verb,
      args: spec.args,
      flags: spec.flags,
      output: args.output === 'json' ? 'json' : 'table',
      connect: async () => (conn ??= await connect(args, opts)).aws,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } finally {
    conn?.close();
  }
}
