// A Command document's parameters: the schema from GetDocument's content, and validation of what the user gave
// with SSM's own rules (unknown names and missing required ones are InvalidParameters; allowedPattern applies to
// every value), so a bad run is refused before anything is sent.

export interface DocParam {
  name: string;
  type: 'String' | 'StringList' | string;
  description: string;
  defaultValue?: string | string[];
  allowedPattern?: string;
  allowedValues?: string[];
  minItems?: number;
  displayType?: string;
}

export function parseDocumentSchema(content: string): DocParam[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return [];
  }
  const params = (doc as {parameters?: Record<string, Record<string, unknown>>}).parameters ?? {};
  return Object.entries(params).map(([name, p]) => ({
    name,
    type: typeof p.type === 'string' ? p.type : 'String',
    description: typeof p.description === 'string' ? p.description : '',
    ...(p.default !== undefined ? {defaultValue: p.default as string | string[]} : {}),
    ...(typeof p.allowedPattern === 'string' ? {allowedPattern: p.allowedPattern} : {}),
    ...(Array.isArray(p.allowedValues) ? {allowedValues: p.allowedValues.filter((x): x is string => typeof x === 'string')} : {}),
    ...(typeof p.minItems === 'number' ? {minItems: p.minItems} : {}),
    ...(typeof p.displayType === 'string' ? {displayType: p.displayType} : {}),
  }));
}

/** `--parameter name=value` (repeat a name for StringList values). */
export function parseParameterArgs(args: readonly string[]): {ok: true; value: Record<string, string[]>} | {ok: false; error: string} {
  const out: Record<string, string[]> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) return {ok: false, error: `--parameter "${a}" must be name=value, e.g. --parameter commands='uptime'`};
    (out[a.slice(0, eq)] ??= []).push(a.slice(eq + 1));
  }
  return {ok: true, value: out};
}

export function validateParameters(schema: readonly DocParam[], given: Record<string, string[]>): string[] {
  const errors: string[] = [];
  const known = new Map(schema.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      errors.push(`unknown parameter "${name}" (this document takes: ${schema.map((p) => p.name).join(', ') || 'none'})`);
    }
  }
  for (const p of schema) {
    const values = given[p.name];
    if (values === undefined) {
      if (p.defaultValue === undefined) errors.push(`parameter "${p.name}" is required`);
      continue;
    }
    if (p.type !== 'StringList' && values.length > 1) errors.push(`parameter "${p.name}" takes one value`);
    if ((p.minItems ?? 0) > 0 && values.every((v) => !v.trim())) errors.push(`parameter "${p.name}" must not be empty`);
    if (p.allowedValues?.length) {
      const bad = values.find((v) => !p.allowedValues?.includes(v));
      if (bad !== undefined) errors.push(`parameter "${p.name}": "${bad}" is not one of ${p.allowedValues.join(', ')}`);
    }
    if (p.allowedPattern) {
      const re = new RegExp(`^(?:${p.allowedPattern})$`);
      const bad = values.find((v) => !re.test(v));
      if (bad !== undefined) errors.push(`parameter "${p.name}": "${bad}" does not match ${p.allowedPattern}`);
    }
  }
  return errors;
}
