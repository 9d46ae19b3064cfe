// A runbook's outline (parameters, step order) read through the documents port, for the start form and
// Interactive mode's next step.
import {nextStep, runbookOutline, type RunbookOutline} from '../../fleet/automation/runbook.js';
import type {ExecutionSummary} from '../../fleet/automation/execution.js';
import type {ActionContext} from '../view.js';
import '../documents/services.js';

export async function readOutline(ctx: ActionContext, name: string, version?: string): Promise<RunbookOutline> {
  const docs = ctx.services.documents;
  if (!docs) throw new Error('documents are not available here: the runbook\'s parameters cannot be read');
  const c = await docs.content(name, version);
  return runbookOutline(c.content, c.format);
}

/** The step to suggest for StartStep, or undefined when it cannot be told. */
export async function nextStepName(ctx: ActionContext, e: ExecutionSummary): Promise<string | undefined> {
  const api = ctx.services.automation;
  try {
    const [outline, steps] = await Promise.all([readOutline(ctx, e.documentName, e.documentVersion || undefined), api ? api.listSteps(e.executionId) : []]);
    return nextStep(outline, steps.map((s) => s.stepName));
  } catch {
    return undefined;
  }
}
