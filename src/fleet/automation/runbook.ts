// What the app reads from a runbook's content (JSON or YAML, schema 0.3): its parameters, as the Run Command form
// reads a Command document's, and its step names in order (Interactive mode's next step).
import {parse as parseYaml} from 'yaml';
import {parseDocumentSchema, type DocParam} from '../run-command/document-params.js';

export interface RunbookOutline {
  readonly params: DocParam[];
  readonly steps: readonly {name: string; nextStep?: string; isEnd?: boolean}[];
}

export function runbookOutline(content: string, format = 'JSON'): RunbookOutline {
  let doc: unknown;
  try {
    doc = format.toUpperCase() === 'YAML' ? parseYaml(content) : JSON.parse(content);
  } catch {
    return {params: [], steps: []};
  }
  const mainSteps = (doc as {mainSteps?: unknown}).mainSteps;
  const steps = Array.isArray(mainSteps)
    ? mainSteps.flatMap((s: unknown) => {
      const o = s as {name?: unknown; nextStep?: unknown; isEnd?: unknown};
      return typeof o.name === 'string' ? [{name: o.name, ...(typeof o.nextStep === 'string' ? {nextStep: o.nextStep} : {}), ...(o.isEnd === true ? {isEnd: true} : {})}] : [];
    })
    : [];
  return {params: parseDocumentSchema(JSON.stringify(doc ?? {})), steps};
}

/** The step an Interactive run would take next: after the last one run (its nextStep, else the next in order). */
export function nextStep(outline: RunbookOutline, ran: readonly string[]): string | undefined {
  const last = ran[ran.length - 1];
  if (last === undefined) return outline.steps[0]?.name;
  const i = outline.steps.findIndex((s) => s.name === last);
  const def = outline.steps[i];
  if (!def || def.isEnd) return undefined;
  return def.nextStep ?? outline.steps[i + 1]?.name;
}
