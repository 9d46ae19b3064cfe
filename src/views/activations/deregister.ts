// Deregistering a hybrid (`mi-`) node from the instances view: the user types the node's id to confirm (it needs a
// new activation to come back), then DeregisterManagedInstance, audited.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import type {ActionContext} from '../view.js';
import {ACTIVATION_READ_ONLY} from './services.js';

export function deregisterNode(ctx: ActionContext, node: ManagedInstance): void {
  const s = ctx.store.getState();
  const api = ctx.services.activations;
  if (ctx.readOnly) return s.setFlash({text: ACTIVATION_READ_ONLY.deregister, tone: 'warn'});
  if (!node.instanceId.startsWith('mi-')) return s.setFlash({text: 'only hybrid (mi-) nodes can be deregistered; an EC2 instance leaves with its instance', tone: 'warn'});
  if (!api) return s.setFlash({text: 'hybrid activations are not available here', tone: 'warn'});
  const id = node.instanceId;
  s.setPrompt({kind: 'search', text: '', before: '',
    question: `Deregister ${sanitizeText(node.name || id)} (${sanitizeText(id)})? It needs a new activation to come back. Type its id to confirm:`,
    onSubmit: (typed) => {
      const st = ctx.store.getState();
      if (typed.trim() !== id) return st.setFlash({text: 'not deregistered: what you typed does not match', tone: 'warn'});
      api.deregister(id).then(() => {
        appendAudit({action: 'DeregisterManagedInstance', identity: ctx.services.identity ?? 'unknown', instanceId: id, via: 'dashboard'});
        ctx.store.getState().setFlash({text: `deregistered ${sanitizeText(id)}`, tone: 'info'});
      }, (e: unknown) => ctx.store.getState().setFlash({text: `deregister failed: ${errorText(e)}`, tone: 'error'}));
    }});
}
