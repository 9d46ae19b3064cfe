// SSM DescribeInstanceInformation answers read without the SDK's schema walk. The SDK parses the JSON and then
// rebuilds every node record member by member through its schema objects: loading six contexts of 5,000 nodes,
// that walk cost more than the JSON parse itself. This reader builds the same records (the same members, values and
// dates) in one loop over the members the SDK's model declares, and leaves any answer it does not recognise as
// plain (a value of a type the model does not say, an error document) to the SDK.
import type {DescribeInstanceInformationCommandOutput, SSMClient} from '@aws-sdk/client-ssm';
import {readDirectly} from '../direct-answers.js';

export type InstanceInformationPage = Pick<DescribeInstanceInformationCommandOutput, 'InstanceInformationList' | 'NextToken'>;

/** InstanceInformation's members as the SDK's model lists them (SSM API 2014-11-06), and which are timestamps. */
const TEXT = 0;
const TIME = 1;
const OVERVIEW = 2;
const MEMBERS: readonly (readonly [string, typeof TEXT | typeof TIME | typeof OVERVIEW])[] = [
  ['InstanceId', TEXT], ['PingStatus', TEXT], ['LastPingDateTime', TIME], ['AgentVersion', TEXT],
  ['IsLatestVersion', TEXT], ['PlatformType', TEXT], ['PlatformName', TEXT], ['PlatformVersion', TEXT],
  ['ActivationId', TEXT], ['IamRole', TEXT], ['RegistrationDate', TIME], ['ResourceType', TEXT], ['Name', TEXT],
  ['IPAddress', TEXT], ['ComputerName', TEXT], ['AssociationStatus', TEXT], ['LastAssociationExecutionDate', TIME],
  ['LastSuccessfulAssociationExecutionDate', TIME], ['AssociationOverview', OVERVIEW], ['SourceId', TEXT],
  ['SourceType', TEXT], ['SourceLocation', TEXT],
];

/** Thrown inside the reader for an answer it leaves to the SDK. */
class NotPlain extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record the SDK reads member by member (one with `__type` it reads otherwise). */
function plainRecord(v: unknown): Record<string, unknown> {
  if (!isRecord(v) || Object.hasOwn(v, '__type')) throw new NotPlain();
  return v;
}

/** An epoch-seconds timestamp as the SDK reads a number (a string or anything else is the SDK's to read). */
function time(v: unknown): Date {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NotPlain();
  return new Date(Math.round(v * 1000));
}

/** AssociationOverview: its status text and its counts by status (numbers, which the SDK keeps as they are). */
function overview(v: unknown): Record<string, unknown> {
  const rec = plainRecord(v);
  const out: Record<string, unknown> = {};
  if (rec.DetailedStatus != null) out.DetailedStatus = rec.DetailedStatus;
  const counts = rec.InstanceAssociationStatusAggregatedCount;
  if (counts != null) {
    if (!isRecord(counts) || Object.hasOwn(counts, '__proto__')) throw new NotPlain();
    for (const k in counts) if (typeof counts[k] !== 'number') throw new NotPlain();
    out.InstanceAssociationStatusAggregatedCount = counts;
  }
  return out;
}

function instance(v: unknown): Record<string, unknown> {
  const rec = plainRecord(v);
  const out: Record<string, unknown> = {};
  for (const [name, kind] of MEMBERS) {
    const value = rec[name];
    if (value == null) continue;
    out[name] = kind === TEXT ? value : kind === TIME ? time(value) : overview(value);
  }
  return out;
}

/**
 * What the SDK's DescribeInstanceInformation deserializer gives for this answer (without $metadata), or undefined
 * when the answer is not of the plain shape this reader takes.
 */
export function parseInstanceInformation(json: string): InstanceInformationPage | undefined {
  if (json.length === 0) return undefined;
  try {
    const doc = plainRecord(JSON.parse(json));
    const out: Record<string, unknown> = {};
    const list = doc.InstanceInformationList;
    if (list != null) {
      if (!Array.isArray(list)) throw new NotPlain();
      out.InstanceInformationList = list.map(instance);
    }
    if (doc.NextToken != null) out.NextToken = doc.NextToken;
    return out as InstanceInformationPage;
  } catch (e) {
    if (e instanceof NotPlain || e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** Reads the client's successful DescribeInstanceInformation answers with parseInstanceInformation. */
export function readInstanceInformationDirectly(client: SSMClient): void {
  readDirectly(client, 'DescribeInstanceInformation', parseInstanceInformation);
}
