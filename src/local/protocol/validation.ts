// Model-constraint checks that answer like Coral (the framework behind AWS JSON services) does:
//   1 validation error detected: Value '100' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50
// Several violations are joined with "; " after "N validation errors detected: ".
// Paths use the lower-camel member names (`filters.1.member.values`), as Coral reports them.

import {ServiceError, serializationError} from './service-error.js';

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

export class Violations {
  private readonly list: string[] = [];

  add(path: string, value: unknown, constraint: string): void {
    this.list.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  required(path: string, value: unknown): boolean {
    if (value !== undefined && value !== null) return true;
    this.list.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return false;
  }

  range(path: string, value: number | undefined, min: number | undefined, max: number | undefined): void {
    if (value === undefined) return;
    if (min !== undefined && value < min) this.add(path, value, `Member must have value greater than or equal to ${min}`);
    else if (max !== undefined && value > max) this.add(path, value, `Member must have value less than or equal to ${max}`);
  }

  length(path: string, value: readonly unknown[] | string | undefined, min: number | undefined, max: number | undefined): void {
    if (value === undefined) return;
    if (min !== undefined && value.length < min) this.add(path, value, `Member must have length greater than or equal to ${min}`);
    else if (max !== undefined && value.length > max) this.add(path, value, `Member must have length less than or equal to ${max}`);
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): void {
    if (value === undefined || allowed.includes(value)) return;
    this.add(path, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws the Coral ValidationException when anything was recorded. */
  throwIfAny(): void {
    const n = this.list.length;
    if (n === 0) return;
    throw new ServiceError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.list.join('; ')}`);
  }
}

// ---- JSON member readers: wrong JSON types are SerializationExceptions, as in Coral ----

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(obj: JsonObject, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw serializationError(`${typeof v === 'number' ? 'NUMBER_VALUE' : 'Value'} can not be converted to a String (member ${key})`);
  return v;
}

export function optInteger(obj: JsonObject, key: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw serializationError(`${typeof v === 'string' ? 'STRING_VALUE' : 'Value'} can not be converted to an Integer (member ${key})`);
  return v;
}

export function optBoolean(obj: JsonObject, key: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw serializationError(`Value can not be converted to a Boolean (member ${key})`);
  return v;
}

export function optArray(obj: JsonObject, key: string): unknown[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw serializationError(`Expected a list for member ${key}`);
  return v;
}

export function optObjectArray(obj: JsonObject, key: string): JsonObject[] | undefined {
  const list = optArray(obj, key);
  if (list === undefined) return undefined;
  for (const item of list) if (!isObject(item)) throw serializationError(`Expected a structure in list ${key}`);
  return list as JsonObject[];
}

export function optStringArray(obj: JsonObject, key: string): string[] | undefined {
  const list = optArray(obj, key);
  if (list === undefined) return undefined;
  for (const item of list) if (typeof item !== 'string') throw serializationError(`Expected a list of strings for member ${key}`);
  return list as string[];
}
