// The EC2 Query protocol on the wire: form-encoded parameters in (lists flattened as Name.1, Name.2, …),
// XML out with the EC2 namespace and a <requestId>, errors as
// <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.

import type {ServerResponse} from 'node:http';
import {XMLBuilder} from 'fast-xml-parser';
import {ServiceError} from './service-error.js';

export const EC2_API_VERSION = '2016-11-15';
export const EC2_XMLNS = `http://ec2.amazonaws.com/doc/${EC2_API_VERSION}/`;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
});

export type QueryParams = ReadonlyMap<string, string>;

/** Parameters from the form body and the URL query string (the body wins). */
export function parseQueryParams(body: Buffer, urlSearch: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(urlSearch)) params.set(k, v);
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

/** The values of a flattened list `prefix.1`, `prefix.2`, … in index order. */
export function listParam(params: QueryParams, prefix: string): string[] {
  const found: [number, string][] = [];
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`);
  for (const [k, v] of params) {
    const m = re.exec(k);
    if (m?.[1] !== undefined) found.push([Number(m[1]), v]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export interface QueryFilter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` / `Filter.N.Value.M`. */
export function filterParams(params: QueryParams): QueryFilter[] {
  const indices = new Set<number>();
  for (const k of params.keys()) {
    const m = /^Filter\.(\d+)\./.exec(k);
    if (m?.[1] !== undefined) indices.add(Number(m[1]));
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => ({name: params.get(`Filter.${i}.Name`) ?? '', values: listParam(params, `Filter.${i}.Value`)}));
}

export function integerParam(params: QueryParams, key: string): number | undefined {
  const raw = params.get(key);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) {
    throw new ServiceError('InvalidParameterValue', `Invalid value '${raw}' for ${key}. Expecting an integer.`);
  }
  return Number(raw);
}

export function booleanParam(params: QueryParams, key: string): boolean {
  return params.get(key)?.toLowerCase() === 'true';
}

/** XML element content: strings, numbers, booleans, nested objects, arrays (repeated elements). */
export type XmlValue = string | number | boolean | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/** `<xxxSet><item>…</item>…</xxxSet>`: an EC2 list. */
export function itemSet(items: readonly XmlObject[]): XmlObject {
  return {item: [...items]};
}

export function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, {
    'Content-Type': 'text/xml;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  res.end(text);
}

/** `<Root xmlns="…ec2…"><requestId>…</requestId>…body…</Root>` */
export function ec2ResponseXml(root: string, requestId: string, body: XmlObject): string {
  return builder.build({[root]: {'@_xmlns': EC2_XMLNS, requestId, ...body}}) as string;
}

export function sendXmlError(res: ServerResponse, err: ServiceError, requestId: string): void {
  const xml = builder.build({
    Response: {Errors: {Error: {Code: err.code, Message: err.message}}, RequestID: requestId},
  }) as string;
  sendXml(res, err.status, xml, requestId);
}
