// Distributor through SSM: the DistributorApi over @aws-sdk/client-ssm. Packages are Package documents
// (ListDocuments DocumentType=Package: Amazon's and the account's), versions are their document versions named by
// the manifest's version, the manifest is the document's content. Every string from the service is sanitized here.
import {DescribeDocumentCommand, GetDocumentCommand, ListDocumentVersionsCommand, ListDocumentsCommand} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {describeAwsError} from '../errors.js';
import {parseManifest, type DistributorPackage, type PackageManifest, type PackageVersion} from '../../fleet/distributor/package.js';
import {DistributorError, type DistributorApi, type DistributorErrorKind} from '../../fleet/distributor/port.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;
const DESCRIBE_AT_ONCE = 5;

const KINDS: Readonly<Record<string, DistributorErrorKind>> = {
  InvalidDocument: 'not-found',
  InvalidDocumentVersion: 'not-found',
  ValidationException: 'invalid',
};

/** The service's documented refusals become DistributorErrors; throttling, auth and outages pass through unchanged. */
export function distributorError(err: unknown): unknown {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  const kind = KINDS[name];
  return kind === undefined ? err : new DistributorError(kind, describeAwsError(err));
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw distributorError(err);
  }
}

function cleanManifest(m: PackageManifest): PackageManifest {
  const packages: PackageManifest['packages'] = {};
  for (const [platform, versions] of Object.entries(m.packages)) {
    const byVersion: Record<string, Record<string, {file: string}>> = {};
    for (const [pv, arches] of Object.entries(versions)) {
      byVersion[clean(pv)] = Object.fromEntries(Object.entries(arches).map(([arch, f]) => [clean(arch), {file: clean(f.file)}]));
    }
    packages[clean(platform)] = byVersion;
  }
  const files = Object.fromEntries(Object.entries(m.files).map(([name, f]) => [clean(name), {
    checksums: Object.fromEntries(Object.entries(f.checksums).map(([k, v]) => [clean(k), clean(v)])),
  }]));
  return {schemaVersion: clean(m.schemaVersion), version: clean(m.version), publisher: clean(m.publisher), packages, files};
}

export function distributorApi(aws: Pick<AwsClients, 'ssm'>): DistributorApi {
  return {
    list: (signal) => mapped(async () => {
      const out: DistributorPackage[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new ListDocumentsCommand({
          Filters: [{Key: 'DocumentType', Values: ['Package']}], MaxResults: PAGE, ...(token ? {NextToken: token} : {}),
        }), {abortSignal: signal});
        for (const d of res.DocumentIdentifiers ?? []) {
          out.push({
            name: clean(d.Name ?? ''), owner: clean(d.Owner ?? ''), description: '', platformTypes: (d.PlatformTypes ?? []).map(clean),
            defaultVersion: clean(d.VersionName ?? d.DocumentVersion ?? ''), createdDate: d.CreatedDate?.getTime() ?? 0,
          });
        }
        token = res.NextToken || undefined;
      } while (token);
      // Descriptions are only in DescribeDocument: fetched for the packages listed (a few dozen), a few at a time.
      for (let i = 0; i < out.length; i += DESCRIBE_AT_ONCE) {
        await Promise.all(out.slice(i, i + DESCRIBE_AT_ONCE).map(async (p) => {
          const described = await aws.ssm.send(new DescribeDocumentCommand({Name: p.name}), {abortSignal: signal});
          p.description = clean(described.Document?.Description ?? '');
        }));
      }
      return out;
    }),

    versions: (name, signal) => mapped(async () => {
      const out: PackageVersion[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new ListDocumentVersionsCommand({Name: name, MaxResults: PAGE, ...(token ? {NextToken: token} : {})}), {abortSignal: signal});
        for (const v of res.DocumentVersions ?? []) {
          out.push({
            version: clean(v.VersionName ?? v.DocumentVersion ?? ''), documentVersion: clean(v.DocumentVersion ?? ''),
            createdDate: v.CreatedDate?.getTime() ?? 0, isDefault: v.IsDefaultVersion ?? false,
          });
        }
        token = res.NextToken || undefined;
      } while (token);
      return out;
    }),

    manifest: (name, version, signal) => mapped(async () => {
      const res = await aws.ssm.send(new GetDocumentCommand({
        Name: name, ...(version !== undefined && version !== '' ? {VersionName: version} : {}),
      }), {abortSignal: signal});
      const parsed = parseManifest(res.Content ?? '');
      if (!parsed.ok) throw new DistributorError('invalid', clean(parsed.error));
      return cleanManifest(parsed.manifest);
    }),
  };
}
