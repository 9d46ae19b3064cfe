// Why a baseline change cannot happen here: read-only mode (its reason), or no Patch Manager service.
import {BASELINE_READ_ONLY} from '../../fleet/baselines/summary.js';
import type {ActionContext} from '../view.js';

const refusal = (reason: string) => (ctx: ActionContext): string | undefined =>
  (ctx.readOnly ? reason : ctx.services.baselines ? undefined : 'Patch Manager is not available here');

export const createRefusal = refusal(BASELINE_READ_ONLY.create);
export const editRefusal = refusal(BASELINE_READ_ONLY.edit);
export const setDefaultRefusal = refusal(BASELINE_READ_ONLY.setDefault);
export const groupRefusal = refusal(BASELINE_READ_ONLY.patchGroup);
