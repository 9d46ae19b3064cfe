// A document checked before it is sent (CreateDocument, UpdateDocument), so the user fixes it in the editor rather
// than read SSM's refusal: the text parses (with the line where it does not), the schema version fits the type,
// parameters are well-formed, a Command document has steps (mainSteps for 2.x, runtimeConfig for 1.2), each step
// has an action and a unique name. Each problem names the line it is on, when it can be found.
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node} from 'yaml';

export type ContentFormat = 'JSON' | 'YAML';

export interface ContentProblem {
  /** 1-based line of the text it is about, when known. */
  readonly line?: number;
  readonly message: string;
}

const SCHEMAS: Readonly<Record<string, readonly string[]>> = {Command: ['1.2', '2.0', '2.2'], Automation: ['0.3'], Session: ['1.0'], Policy: ['2.0', '2.2']};
const COMMAND_TYPES = ['String', 'StringList'];
const PARAMETER_TYPES = ['String', 'StringList', 'Integer', 'Boolean', 'MapList', 'StringMap'];
const STEP_NAME = /^[a-zA-Z0-9_.-]+$/;

/** The format a text is in: JSON when it starts with `{`, else YAML. */
export function formatOf(text: string): ContentFormat {
  return text.trimStart().startsWith('{') ? 'JSON' : 'YAML';
}

export function validateDocument(text: string, documentType: string): ContentProblem[] {
  if (!text.trim()) return [{message: 'the document is empty'}];
  // YAML 1.2 is a superset of JSON: one parser gives both formats their line positions.
  const lines = new LineCounter();
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: true});
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return [{...(e?.linePos?.[0] ? {line: e.linePos[0].line} : {}), message: `${formatOf(text) === 'JSON' ? 'not valid JSON' : 'not valid YAML'}: ${e?.message.split('\n')[0] ?? ''}`}];
  }
  const root = doc.contents;
  if (!isMap(root)) return [{line: lineOf(root), message: 'the document must be a map (schemaVersion, parameters, steps…)'}];
  const problems: ContentProblem[] = [];
  const at = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key);
  const schema = at('schemaVersion');
  const version = isScalar(schema?.value) ? String(schema.value.value) : undefined;
  const allowed = SCHEMAS[documentType];
  if (version === undefined) problems.push({message: 'schemaVersion is missing'});
  else if (allowed && !allowed.includes(version)) {
    problems.push({line: lineOf(schema?.value as Node), message: `schemaVersion ${version} is not one a ${documentType} document takes (${allowed.join(', ')})`});
  }
  const params = at('parameters');
  if (params && !isMap(params.value)) problems.push({line: lineOf(params.value as Node), message: 'parameters must be a map of names to definitions'});
  else if (params && isMap(params.value)) {
    const types = documentType === 'Command' ? COMMAND_TYPES : PARAMETER_TYPES;
    for (const p of params.value.items) {
      const name = isScalar(p.key) ? String(p.key.value) : '?';
      const type = isMap(p.value) ? p.value.get('type') : undefined;
      if (!isMap(p.value) || typeof type !== 'string' || !types.includes(type)) {
        problems.push({line: lineOf(p.key as Node), message: `parameter ${name} needs a type: ${types.join(' or ')}`});
      }
    }
  }
  if (documentType === 'Command') {
    const stepsKey = version === '1.2' ? 'runtimeConfig' : 'mainSteps';
    const steps = at(stepsKey);
    if (!steps) problems.push({message: `a Command document with schemaVersion ${version ?? '2.2'} needs ${stepsKey}`});
    else if (stepsKey === 'mainSteps') {
      if (!isSeq(steps.value) || steps.value.items.length === 0) problems.push({line: lineOf(steps.value as Node), message: 'mainSteps must list at least one step'});
      else {
        const seen = new Set<string>();
        for (const s of steps.value.items) {
          const action = isMap(s) ? s.get('action') : undefined;
          const name = isMap(s) ? s.get('name') : undefined;
          if (typeof action !== 'string' || !action) problems.push({line: lineOf(s as Node), message: 'a step needs an action, e.g. aws:runShellScript'});
          if (typeof name !== 'string' || !STEP_NAME.test(name)) problems.push({line: lineOf(s as Node), message: 'a step needs a name of letters, digits, _ . -'});
          else if (seen.has(name)) problems.push({line: lineOf(s as Node), message: `step name ${name} is used twice`});
          else seen.add(name);
        }
      }
    }
  }
  return problems;
}

/** A new Command document to start from in the editor. */
export const COMMAND_TEMPLATE = `schemaVersion: "2.2"
description: What this document does
parameters:
  message:
    type: String
    default: hello
    description: Printed by the step
mainSteps:
  - action: aws:runShellScript
    name: run
    precondition:
      StringEquals: [platformType, Linux]
    inputs:
      runCommand:
        - echo "{{ message }}"
`;
