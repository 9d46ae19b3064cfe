// What other parts of the local fleet ask State Manager: shutdown, document use, a node's associations.

import type {AssociationStatus, FleetModel, FleetNode} from '../../model/fleet-model.js';
import {hasCompliance} from '../compliance/patch-data.js';
import {associationStore} from './association-store.js';
import type {AssociationRecord} from './association-types.js';

/** Stops the fleet's schedules and polling (the endpoint's close() calls it). */
export function closeAssociations(model: FleetModel): void {
  associationStore.peek(model)?.close();
}

/** Associations whose document is `name` (DeleteDocument refuses while there are any). */
export function associationsUsingDocument(model: FleetModel, name: string): readonly AssociationRecord[] {
  return associationStore(model).all().filter((r) => r.current.documentName === name);
}

/** A document's new default version re-runs the associations that run its default (UG documents-creating-content). */
export function rerunDefaultVersion(model: FleetModel, documentName: string): void {
  const store = associationStore(model);
  for (const r of associationsUsingDocument(model, documentName)) {
    if (r.current.documentVersion === undefined || r.current.documentVersion === '$DEFAULT') store.run(r);
  }
}

/** Each association that targets the node, with the node's status for it (compliance-data.ts reads this). */
export function nodeAssociations(model: FleetModel, node: FleetNode): {association: AssociationRecord; status: AssociationStatus}[] {
  if (!hasCompliance(node)) return [];
  const store = associationStore(model);
  return (store.membership().byNode.get(node.instanceId) ?? []).map((association) => ({association, status: store.statusOfMember(association, node)}));
}
