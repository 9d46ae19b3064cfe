// SSM document operations on the local fleet (docs/ssm-api-more.md §2, docs/ssm-api.md §7): ListDocuments,
// DescribeDocument, GetDocument, CreateDocument, UpdateDocument, ListDocumentVersions,
// UpdateDocumentDefaultVersion, DeleteDocument, DescribeDocumentPermission, ModifyDocumentPermission.
//
// Choices where the reference is silent (UNVERIFIED against AWS): changing or sharing an Amazon-owned document is
// InvalidDocumentOperation; names starting with aws/amazon/amzn are a ValidationException; deleting the default
// version alone is InvalidDocumentOperation; version numbers are not reused after a deletion. A new default version
// re-runs the associations that run the default (docs/ssm-api-more.md §2).

import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {associationsUsingDocument, rerunDefaultVersion} from '../associations/association-queries.js';
import {DOCUMENT_TYPES, parseDocumentContent, type DocumentFormat} from './document-content.js';
import {amazonOwned, checkName, checkVersionFields, FORMATS, NAME, readContent, recordOf, RESERVED_PREFIX, TARGET_TYPE, VERSION_NAME} from './document-input.js';
import {describeDocumentPermission, modifyDocumentPermission} from './document-sharing-api.js';
import {contentHash, documentStore, MAX_DOCUMENT_VERSIONS, MAX_DOCUMENTS, runnableDocument, type DocumentRecord, type DocumentVersion} from './document-store.js';
import {convert, description, identifier, versionNameOf} from './document-wire.js';

// ---- ListDocuments ----

const LIST_KEYS = ['DocumentType', 'Owner', 'PlatformTypes', 'Name', 'TargetType', 'SearchKeyword'];

function documentMatches(record: DocumentRecord, key: string, values: readonly string[], account: string): boolean {
  const dflt = record.versions.get(record.defaultVersion);
  const mine = record.owner === account;
  switch (key) {
    case 'DocumentType': return values.includes(record.documentType);
    case 'Owner': return values.some((v) => {
      if (v === 'All') return true;
      if (v === 'Amazon') return record.owner === 'Amazon';
      if (v === 'Public') return record.owner === 'Amazon' || record.sharedWith.has('all');
      if (v === 'Self' || v === 'Private') return mine;
      return false; // ThirdParty
    });
    case 'PlatformTypes': return values.some((v) => (dflt?.parsed.platformTypes as readonly string[] | undefined)?.includes(v) ?? false);
    case 'Name': return values.some((v) => record.name.startsWith(v));
    case 'SearchKeyword': return values.some((v) => record.name.toLowerCase().includes(v.toLowerCase()));
    case 'TargetType': return values.some((v) => v === '/' || v === (record.targetType ?? '/AWS::EC2::Instance'));
    default: {
      const tag = key.slice(4);
      return record.tags.some((t) => t.Key === tag && (values.length === 0 || values.includes(t.Value)));
    }
  }
}

export const listDocuments: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = optObjectArray(input, 'Filters') ?? [];
  v.length('filters', filters, 0, 6);
  const parsed = filters.map((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values') ?? [];
    if (v.required(`filters.${i + 1}.member.key`, key)) v.length(`filters.${i + 1}.member.key`, key, 1, 128);
    return {key: key ?? '', values};
  });
  v.throwIfAny();
  const legacy = optObjectArray(input, 'DocumentFilterList');
  if (legacy !== undefined && filters.length > 0) throw new ServiceError('ValidationException', 'DocumentFilterList and Filters cannot be used together.');
  for (const f of legacy ?? []) {
    const key = optString(f, 'key') ?? '';
    if (!['Name', 'Owner', 'PlatformTypes', 'DocumentType'].includes(key)) throw new ServiceError('InvalidFilterKey', `The filter key ${key} is not valid.`);
    parsed.push({key, values: [optString(f, 'value') ?? '']});
  }
  for (const f of parsed) {
    if (!LIST_KEYS.includes(f.key) && !/^tag:.+/.test(f.key)) throw new ServiceError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
    if (f.key === 'Owner' && f.values.length !== 1) throw new ServiceError('InvalidFilterKey', 'The Owner filter takes exactly one value.');
  }
  const account = ctx.model.accountId;
  const list = documentStore(ctx.model).all().filter((d) => parsed.every((f) => documentMatches(d, f.key, f.values, account)));
  const page = paginate(list, {ctx, scope: `ssm:ListDocuments:${JSON.stringify(parsed)}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (d) => d.name});
  const out: JsonObject = {DocumentIdentifiers: page.items.map(identifier)};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

// ---- read one ----

function readRequest(input: JsonObject, ctx: OperationContext): {record: DocumentRecord; version: DocumentVersion} {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  const {documentVersion, versionName} = checkVersionFields(v, input);
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  return {record, version: documentStore(ctx.model).version(record, documentVersion, versionName)};
}

export const describeDocument: JsonOperation = (input, ctx) => {
  const {record, version} = readRequest(input, ctx);
  return {Document: description(record, version)};
};

export const getDocument: JsonOperation = (input, ctx) => {
  const {record, version} = readRequest(input, ctx);
  const format = optString(input, 'DocumentFormat');
  const v = new Violations();
  v.oneOf('documentFormat', format, FORMATS);
  v.throwIfAny();
  if (format === 'TEXT' && version.format !== 'TEXT') throw new ServiceError('InvalidDocumentOperation', `This document is ${version.format}: ask for JSON or YAML.`);
  const out: JsonObject = {
    Name: record.name, CreatedDate: epochSeconds(version.createdAt), DocumentVersion: version.version, Status: 'Active',
    Content: convert(version, (format ?? version.format) as DocumentFormat), DocumentType: record.documentType, DocumentFormat: format ?? version.format,
  };
  if (version.versionName !== undefined) out['VersionName'] = version.versionName;
  return out;
};

// ---- author ----

function newVersion(record: {name: string; documentType: string}, number: number, content: string, format: DocumentFormat, versionName: string | undefined, at: number): DocumentVersion {
  const parsed = parseDocumentContent(content, format, record.documentType);
  return {version: String(number), versionName, content, format, createdAt: at, hash: contentHash(content), parsed, doc: runnableDocument(record.name, parsed)};
}

export const createDocument: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const {content, format} = readContent(v, input);
  const name = optString(input, 'Name');
  checkName(v, 'name', name, NAME);
  const documentType = optString(input, 'DocumentType') ?? 'Command';
  v.oneOf('documentType', documentType, DOCUMENT_TYPES);
  const versionName = optString(input, 'VersionName');
  if (versionName !== undefined && !VERSION_NAME.test(versionName)) v.add('versionName', versionName, `Member must satisfy regular expression pattern: ${VERSION_NAME.source}`);
  const targetType = optString(input, 'TargetType');
  if (targetType !== undefined && !TARGET_TYPE.test(targetType)) v.add('targetType', targetType, `Member must satisfy regular expression pattern: ${TARGET_TYPE.source}`);
  v.length('targetType', targetType, 0, 200);
  const tagsIn = optObjectArray(input, 'Tags') ?? [];
  v.length('tags', tagsIn, 0, 1000);
  v.throwIfAny();
  const docName = name ?? '';
  if (RESERVED_PREFIX.test(docName)) throw new ServiceError('ValidationException', `Document names can't start with aws, amazon or amzn: ${docName}`);
  const store = documentStore(ctx.model);
  if (store.get(docName) !== undefined) throw new ServiceError('DocumentAlreadyExists', 'The specified document already exists.');
  if (store.all().filter((d) => d.owner !== 'Amazon').length >= MAX_DOCUMENTS) throw new ServiceError('DocumentLimitExceeded', 'You can have at most 500 active SSM documents.');
  const now = ctx.now();
  const version = newVersion({name: docName, documentType}, 1, content, format, versionName, now);
  const record: DocumentRecord = {
    name: docName, owner: ctx.model.accountId, documentType, targetType, createdAt: now,
    tags: tagsIn.map((t) => ({Key: optString(t, 'Key') ?? '', Value: optString(t, 'Value') ?? ''})),
    versions: new Map([['1', version]]), latest: 1, issued: 1, defaultVersion: '1', sharedWith: new Map(),
  };
  store.add(record);
  return {DocumentDescription: description(record, version, 'Creating')};
};

export const updateDocument: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const {content, format} = readContent(v, input);
  checkName(v, 'name', optString(input, 'Name'));
  const {documentVersion, versionName} = checkVersionFields(v, input);
  const targetType = optString(input, 'TargetType');
  if (targetType !== undefined && !TARGET_TYPE.test(targetType)) v.add('targetType', targetType, `Member must satisfy regular expression pattern: ${TARGET_TYPE.source}`);
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  if (record.owner === 'Amazon') throw amazonOwned();
  if (documentVersion !== undefined && documentVersion !== '$LATEST' && documentVersion !== String(record.latest)) {
    throw new ServiceError('InvalidDocumentVersion', `Updates are made to the latest version ($LATEST or ${record.latest}), not ${documentVersion}.`);
  }
  if (record.versions.size >= MAX_DOCUMENT_VERSIONS) throw new ServiceError('DocumentVersionLimitExceeded', 'The document has too many versions. Delete one or more document versions and try again.');
  const hash = contentHash(content);
  if ([...record.versions.values()].some((x) => x.hash === hash)) {
    throw new ServiceError('DuplicateDocumentContent', 'The content of the document matches another version of it. Change the content of the document and try again.');
  }
  if (versionName !== undefined && [...record.versions.values()].some((x) => x.versionName === versionName)) {
    throw new ServiceError('DuplicateDocumentVersionName', 'The version name has already been used in this document. Specify a different version name, and then try again.');
  }
  const version = newVersion(record, record.issued + 1, content, format, versionName, ctx.now());
  record.issued++;
  record.latest = record.issued;
  record.versions.set(version.version, version);
  return {DocumentDescription: description(record, version, 'Updating')};
};

export const listDocumentVersions: JsonOperation = (input, ctx) => {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  const list = [...record.versions.values()].sort((a, b) => Number(a.version) - Number(b.version));
  const page = paginate(list, {ctx, scope: `ssm:ListDocumentVersions:${record.name}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (x) => x.version.padStart(6, '0')});
  const out: JsonObject = {
    DocumentVersions: page.items.map((x) => {
      const item: JsonObject = {
        Name: record.name, DocumentVersion: x.version, CreatedDate: epochSeconds(x.createdAt), IsDefaultVersion: x.version === record.defaultVersion,
        DocumentFormat: x.format, Status: 'Active',
      };
      if (x.versionName !== undefined) item['VersionName'] = x.versionName;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const updateDocumentDefaultVersion: JsonOperation = (input, ctx) => {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  const version = optString(input, 'DocumentVersion');
  if (v.required('documentVersion', version) && !/^[1-9][0-9]*$/.test(version ?? '')) {
    v.add('documentVersion', version, 'Member must satisfy regular expression pattern: (^[1-9][0-9]*$)');
  }
  v.throwIfAny();
  const record = recordOf(ctx, optString(input, 'Name'));
  if (record.owner === 'Amazon') throw amazonOwned();
  if (!record.versions.has(version ?? '')) throw new ServiceError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
  const changed = record.defaultVersion !== version;
  record.defaultVersion = version ?? record.defaultVersion;
  if (changed) rerunDefaultVersion(ctx.model, record.name);
  const out: JsonObject = {Name: record.name, DefaultVersion: record.defaultVersion};
  const name = versionNameOf(record, record.defaultVersion);
  if (name !== undefined) out['DefaultVersionName'] = name;
  return {Description: out};
};

export const deleteDocument: JsonOperation = (input, ctx) => {
  const v = new Violations();
  checkName(v, 'name', optString(input, 'Name'));
  const {documentVersion, versionName} = checkVersionFields(v, input);
  optBoolean(input, 'Force');
  v.throwIfAny();
  const store = documentStore(ctx.model);
  const record = recordOf(ctx, optString(input, 'Name'));
  if (record.owner === 'Amazon') throw amazonOwned();
  if (record.sharedWith.size > 0) throw new ServiceError('InvalidDocumentOperation', 'The document is shared: stop sharing it (ModifyDocumentPermission) before you delete it.');
  if (documentVersion === undefined && versionName === undefined) {
    if (associationsUsingDocument(ctx.model, record.name).length > 0) {
      throw new ServiceError('AssociatedInstances', 'You must disassociate a document from all managed nodes before you can delete it.');
    }
    store.remove(record.name);
    return {};
  }
  const version = store.version(record, documentVersion, versionName);
  if (version.version === record.defaultVersion) {
    throw new ServiceError('InvalidDocumentOperation', 'You can\'t delete the default version of a document: make another version the default first.');
  }
  record.versions.delete(version.version);
  record.latest = Math.max(...[...record.versions.keys()].map(Number));
  return {};
};

export const documentOperations: Readonly<Record<string, JsonOperation>> = {
  ListDocuments: listDocuments,
  DescribeDocument: describeDocument,
  GetDocument: getDocument,
  CreateDocument: createDocument,
  UpdateDocument: updateDocument,
  ListDocumentVersions: listDocumentVersions,
  UpdateDocumentDefaultVersion: updateDocumentDefaultVersion,
  DeleteDocument: deleteDocument,
  DescribeDocumentPermission: describeDocumentPermission,
  ModifyDocumentPermission: modifyDocumentPermission,
};
