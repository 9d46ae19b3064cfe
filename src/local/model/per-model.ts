// One store per local fleet: each fleet model gets its own, created on first use and dropped with the model.
import type {FleetModel} from './fleet-model.js';

export interface PerModel<T> {
  /** `model`'s instance, created on the first call for that model. */
  (model: FleetModel): T;
  /** `model`'s instance if one was created, without creating it (for closing). */
  peek(model: FleetModel): T | undefined;
}

export function perModel<T>(create: (model: FleetModel) => T): PerModel<T> {
  const instances = new WeakMap<FleetModel, T>();
  const get = (model: FleetModel): T => {
    let instance = instances.get(model);
    if (instance === undefined) {
      instance = create(model);
      instances.set(model, instance);
    }
    return instance;
  };
  return Object.assign(get, {peek: (model: FleetModel) => instances.get(model)});
}
