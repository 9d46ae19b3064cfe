// The filter schema of Parameter Store listings (the :parameters view's flat list and `fleetdeck parameters ls
// --filter`). Syntax: see filter.ts. Keys here:
//   name:db          substring of the full name           path:/app/prod   the name is under this path
//   type:secure      String, StringList, SecureString (prefixes and the alias `secure` work)
//   tier:advanced    Standard, Advanced, Intelligent-Tiering
//   by:alice         last part of the ARN of whoever wrote the latest version
//   datatype:text    text, aws:ec2:image, aws:ssm:integration
//   policy:expiration  a lifecycle policy of this type (Expiration, ExpirationNotification, NoChangeNotification)
// Free text searches the name, description and who modified it. Labels and tags are not in a listing's metadata
// (they are per version and per resource), so they are not filter keys here.
import {cachedHaystack, type FilterSchema} from '../filter.js';
import {modifiedBy, type Parameter} from './parameter.js';

const haystack = cachedHaystack<Parameter>((p) => [p.name, p.description, modifiedBy(p.lastModifiedUser)]);

/** `path:/app/prod` holds /app/prod/x and /app/prod/x/y, not /app/production. */
function underPath(name: string, path: string): boolean {
  const base = path.replace(/\/+$/, '').toLowerCase();
  const n = name.toLowerCase();
  return base === '' ? n.startsWith('/') : n === base || n.startsWith(`${base}/`);
}

export const parameterFilterSchema: FilterSchema<Parameter> = {
  keys: {
    name: {describe: 'a part of the full name', example: 'name:db', get: (p) => p.name},
    path: {
      describe: 'under this path: path:/app/prod (not /app/production)',
      example: 'path:/app/prod',
      get: (p) => p.name,
      match: (p, v) => (v.glob ? v.prefix(p.name) : underPath(p.name, v.text)),
    },
    type: {
      describe: 'String, StringList, SecureString (secure)',
      values: ['string', 'stringlist', 'securestring'],
      valueAliases: {secure: 'securestring', secret: 'securestring', list: 'stringlist'},
      valueNoun: 'a parameter type',
      get: (p) => p.type,
    },
    tier: {
      describe: 'Standard, Advanced, Intelligent-Tiering',
      values: ['standard', 'advanced', 'intelligent-tiering'],
      valueNoun: 'a parameter tier',
      get: (p) => p.tier ?? 'Standard',
    },
    by: {
      describe: 'who wrote the latest version (the last part of the ARN)',
      aliases: ['modified-by'],
      example: 'by:alice',
      get: (p) => modifiedBy(p.lastModifiedUser),
    },
    datatype: {describe: 'text, aws:ec2:image, aws:ssm:integration', example: 'datatype:text', get: (p) => p.dataType ?? 'text'},
    policy: {
      describe: 'has a lifecycle policy of this type: Expiration, ExpirationNotification, NoChangeNotification',
      example: 'policy:expiration',
      get: (p) => p.policies.map((x) => x.type),
    },
  },
  text: haystack,
};
