// `{{ssm:name}}` and `{{ssm:name:version}}` references in Run Command parameters, resolved when the command is
// sent, as SSM does: a String or StringList value replaces the reference; a SecureString or a missing parameter is
// refused with InvalidParameters (secrets are only resolved by the inputs that take `{{ssm-secure:…}}`).

import type {OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {selectVersion} from './reads.js';
import type {ParameterStore} from './store.js';

const REFERENCE = /\{\{\s*ssm:([a-zA-Z0-9_.\-/]+(?::[a-zA-Z0-9_.-]+)?)\s*\}\}/g;

function resolveOne(text: string, store: ParameterStore, now: number): string {
  return text.replace(REFERENCE, (_whole, ref: string) => {
    const colon = ref.indexOf(':');
    const name = colon < 0 ? ref : ref.slice(0, colon);
    const p = store.get(name, now);
    const v = p === undefined ? undefined : selectVersion(p, colon < 0 ? undefined : ref.slice(colon));
    if (p === undefined || v === undefined) throw new ServiceError('InvalidParameters', `Parameter ${ref} not found.`);
    if (v.type === 'SecureString') {
      throw new ServiceError('InvalidParameters', `Parameter ${name} is a SecureString: reference it with {{ssm-secure:${name}}} where the document allows it.`);
    }
    return store.valueOf(name, v, false);
  });
}

/** The parameters with every `{{ssm:…}}` reference replaced by the referenced value. */
export function resolveReferencesIn(
  parameters: Readonly<Record<string, readonly string[]>>, store: ParameterStore, ctx: OperationContext,
): Record<string, string[]> {
  const now = ctx.now();
  return Object.fromEntries(Object.entries(parameters).map(([k, values]) => [k, values.map((x) => resolveOne(x, store, now))]));
}
