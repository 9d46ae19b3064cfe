// Runs a resource's headless command (`fleetdeck parameters get NAME`): loads its module, connects only when the
// command asks (after its arguments were checked), and closes the connection on every exit path. Over several
// contexts it runs in each and merges the outputs (cli/contexts-headless.ts); a change needs --all-contexts there,
// and a read-only context refuses it.
import type {Args} from './flags.js';
import {connect, type Connection, type ConnectOptions} from './connect.js';
import {findResourceCommand, type ResourceCommandContext} from './resources.js';
import {checkChange, maySelectSeveral, placedContexts, readInEveryContext, sharedStdin} from './contexts-headless.js';

export async function runResourceCommand(args: Args, opts: ConnectOptions): Promise<number> {
  const spec = args.resource;
  const command = findResourceCommand(spec?.name);
  if (!spec || !command) throw new Error('no resource command to run');
  const module = await command.load();
  const what = `fleetdeck ${command.name} ${spec.verb}`;
  const changes = command.verbs[spec.verb] !== undefined;
  const base: Omit<ResourceCommandContext, 'connect'> = {
    verb: spec.verb,
    args: spec.args,
    flags: spec.flags,
    output: args.output === 'json' ? 'json' : 'table',
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
  let conn: Connection | undefined;
  try {
    if (maySelectSeveral(args)) conn = await connect(args, opts);
    const set = conn?.contexts;
    if (!set || set.size === 1) {
      return await module.run({...base, connect: async () => {
        conn ??= await connect(args, opts);
        // One context the config marks read-only refuses a change, as several would.
        const [only] = conn.contexts.all();
        if (changes && only) checkChange(what, [only], false);
        return conn.aws;
      }});
    }
    const contexts = await placedContexts(set);
    if (command.spansContexts?.includes(spec.verb)) {
      // The verb places its own work (a run's targets live in some contexts, not all) and checks the change itself.
      const first = conn?.aws;
      return await module.run({...base, connect: async () => first ?? (await connect(args, opts)).aws,
        contexts: {set, list: contexts, allContexts: args.allContexts}});
    }
    if (changes) checkChange(what, contexts, args.allContexts);
    const stdin = sharedStdin(process.stdin);
    return await readInEveryContext(set, contexts, base.output, process, (c, stdout, stderr) =>
      module.run({...base, stdin: stdin(), stdout, stderr, place: c.place, connect: async () => c.aws}));
  } finally {
    conn?.close();
  }
}
