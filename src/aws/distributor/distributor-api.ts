// Distributor through SSM: the DistributorApi over @aws-sdk/client-ssm. Packages are Package documents
// (ListDocuments DocumentType=Package: Amazon's and the account's), versions are their document versions named by
// the manifest's version, the manifest is the document's content. Every string from the service is sanitized here.
import {DescribeDocumentCommand, GetDocumentCommand, ListDocumentVersionsCommand, ListDocumentsCommand} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages, pageToken} from '../pages.js';
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

const {mapped} = errorMapping(KINDS, DistributorError);

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
      const listed = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListDocumentsCommand({
          Filters: [{Key: 'DocumentType', Values: ['Package']}], MaxResults: PAGE, ...pageToken(token),
        }), {abortSignal: signal});
        return {items: res.DocumentIdentifiers, next: res.NextToken};
      });
      const out = listed.map((d): DistributorPackage => ({
        name: clean(d.Name ?? ''), owner: clean(d.Owner ?? ''), description: '', platformTypes: (d.PlatformTypes ?? []).map(clean),
        defaultVersion: clean(d.VersionName ?? d.DocumentVersion ?? ''), createdDate: d.CreatedDate?.getTime() ?? 0,
      }));
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
      const listed = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListDocumentVersionsCommand({Name: name, MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal});
        return {items: res.DocumentVersions, next: res.NextToken};
      });
      return listed.map((v): PackageVersion => ({
        version: clean(v.VersionName ?? v.DocumentVersion ?? ''), documentVersion: clean(v.DocumentVersion ?? ''),
        createdDate: v.CreatedDate?.getTime() ?? 0, isDefault: v.IsDefaultVersion ?? false,
      }));
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
