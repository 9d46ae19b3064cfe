// The ComplianceStringFilter reader and matcher shared by the three compliance list operations (compliance-api.ts),
// plus the InvalidFilter error the patch operations raise too.

import {compareVersions} from '../../protocol/list-paging.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optObjectArray, optString, optStringArray, type Violations, type JsonObject} from '../../protocol/validation.js';

const COMPLIANCE_FILTER_TYPES = ['EQUAL', 'NOT_EQUAL', 'BEGIN_WITH', 'LESS_THAN', 'GREATER_THAN'] as const;
type ComplianceFilterType = (typeof COMPLIANCE_FILTER_TYPES)[number];

export interface StringFilter {
  key: string;
  values: string[];
  type: ComplianceFilterType;
}

export function invalidFilter(message: string): ServiceError {
  return new ServiceError('InvalidFilter', message);
}

export function readComplianceFilters(v: Violations, input: JsonObject): StringFilter[] {
  const out: StringFilter[] = [];
  optObjectArray(input, 'Filters')?.forEach((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const type = optString(f, 'Type');
    v.length(`${p}.key`, key, 1, 200);
    v.length(`${p}.values`, values, 1, 20);
    v.oneOf(`${p}.type`, type, COMPLIANCE_FILTER_TYPES);
    if (key !== undefined) out.push({key: key.replace(/^AWS:ComplianceItem\./, ''), values: values ?? [], type: (type ?? 'EQUAL') as ComplianceFilterType});
  });
  return out;
}

function valueMatches(value: string, f: StringFilter): boolean {
  switch (f.type) {
    case 'EQUAL':
      return f.values.includes(value);
    case 'NOT_EQUAL':
      return !f.values.includes(value);
    case 'BEGIN_WITH':
      return f.values.some((p) => value.startsWith(p));
    case 'LESS_THAN':
      return f.values.some((x) => compareVersions(value, x) < 0);
    case 'GREATER_THAN':
      return f.values.some((x) => compareVersions(value, x) > 0);
  }
}

export function compile<T>(filters: readonly StringFilter[], fields: Readonly<Record<string, (item: T) => string>>): (item: T) => boolean {
  const tests = filters.map((f) => {
    const get = fields[f.key];
    if (get === undefined) throw invalidFilter(`The filter key ${f.key} is not valid. Valid keys: ${Object.keys(fields).join(', ')}.`);
    return (item: T) => valueMatches(get(item), f);
  });
  return (item) => tests.every((t) => t(item));
}

export function scopeOf(op: string, filters: readonly StringFilter[], extra = ''): string {
  return `ssm:${op}:${extra}:${JSON.stringify(filters.map((f) => [f.key, f.type, [...new Set(f.values)].sort()]).sort())}`;
}
