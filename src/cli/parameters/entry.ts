// `fleetdeck parameters`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

const WRITES = 'read-only mode: Parameter Store writes are off';

export const parametersCli: ResourceCommand = {
  name: 'parameters',
  summary: 'Parameter Store: ls get history diff put… (no UI)',
  usage: `  Parameter Store (fleetdeck parameters VERB)
    ls [PATH]               one level: parameters and folders (default /); --recursive for all under PATH
      --filter EXPR         e.g. 'path:/app/prod type:secure tier:advanced by:alice db'
    get NAME[:V|:LABEL]     a version with its value; a SecureString only with --with-decryption
    history NAME            every version with who, when and labels
    diff A B                two versions or two names (NAME, NAME:3, NAME:prod); secrets need --with-decryption;
                            exit 0 same, 1 different
    put NAME --type T       write the value from stdin (one trailing newline dropped) or --value-file F, never
                            an argument; --overwrite, --if-version N (only if still at N; 0 = only create),
                            --description, --tier Standard|Advanced|Intelligent-Tiering, --key-id
    label NAME VERSION L…   attach labels to a version (moved from another); --remove detaches them
    delete NAME…            delete parameters
    Exit codes: 0 done, 1 not done (not found, changed since read, refused), 2 bad input`,
  flags: {recursive: {type: 'boolean'}, withDecryption: {type: 'boolean'}, valueFile: {type: 'string'},
    overwrite: {type: 'boolean'}, ifVersion: {type: 'string'}, description: {type: 'string'}, tier: {type: 'string'},
    keyId: {type: 'string'}, remove: {type: 'boolean'}},
  verbs: {ls: undefined, get: undefined, history: undefined, diff: undefined, put: WRITES, label: WRITES, delete: WRITES},
  load: () => import('./command.js'),
};
