// Contexts the organisation view makes on demand: a node in an account and region the user did not connect is acted
// on there with the management context's credentials assuming the config's org.roleName (its own account: the same
// credentials in that region). Each gets its clients and its services once, kept for the rest of the run.
import type {AwsClients} from '../../aws/clients.js';
import type {ContextSet} from '../../aws/contexts/context-set.js';
import {assumedClients, roleArn} from '../../aws/org-nodes/assumed-clients.js';
import {describeAwsError} from '../../aws/errors.js';
import type {ContextInfo} from '../../fleet/contexts/context.js';
import {contextAt, noRoleMessage, orgContextName} from '../../fleet/org-nodes/org-node.js';
import type {Services} from '../../views/view.js';

interface Assumed {
  aws: AwsClients;
  services: Services;
  info: ContextInfo;
}

export class AssumedContexts {
  private readonly built = new Map<string, Assumed>();
  private readonly pending = new Map<string, Promise<string>>();

  /** `shared`: the app's services (its `org` settings are read when a context is made); `ports`: a context's own. */
  constructor(private readonly set: ContextSet, private readonly shared: Services,
    private readonly ports: (aws: AwsClients, name: string) => Promise<Partial<Services>>) {}

  /**
   * The context of a node in this account and region: a connected one there, else one made now. `routes` is what its
   * services carry (the routes of the run). Rejects with a sentence to show.
   */
  assume(accountId: string, region: string, routes: Pick<Services, 'contexts' | 'soleContext'>): Promise<string> {
    const known = contextAt(this.set.infos(), accountId, region);
    if (known) return Promise.resolve(known.spec.name);
    const name = orgContextName(accountId, region);
    if (this.built.has(name)) return Promise.resolve(name);
    let pending = this.pending.get(name);
    if (pending === undefined) {
      pending = this.make(name, accountId, region, routes).finally(() => this.pending.delete(name));
      this.pending.set(name, pending);
    }
    return pending;
  }

  services(name: string): Services | undefined {
    return this.built.get(name)?.services;
  }

  /** The clients of a context made here (the shell launcher's way to a node's account and region). */
  clients(name: string): AwsClients | undefined {
    return this.built.get(name)?.aws;
  }

  infos(): ContextInfo[] {
    return [...this.built.values()].map((a) => a.info);
  }

  close(): void {
    for (const a of this.built.values()) a.aws.destroy();
    this.built.clear();
  }

  private async make(name: string, accountId: string, region: string, routes: Pick<Services, 'contexts' | 'soleContext'>): Promise<string> {
    const org = this.shared.org ?? {};
    const base = (org.context === undefined ? undefined : this.set.get(org.context)) ?? this.set.all()[0];
    if (base === undefined) throw new Error('no context to act from');
    const own = this.set.info(base.spec.name)?.accountId ?? base.aws.target.accountId;
    const roleName = accountId === own ? undefined : org.roleName;
    if (accountId !== own && roleName === undefined) throw new Error(noRoleMessage(accountId));
    let aws: AwsClients;
    try {
      aws = await assumedClients(base.aws, {accountId, region, ...(roleName === undefined ? {} : {roleName})});
    } catch (e) {
      const what = roleName === undefined ? `reach ${region} from ${base.spec.name}` : `assume ${roleArn(accountId, roleName)} from ${base.spec.name}`;
      throw new Error(`could not ${what} (org.roleName): ${describeAwsError(e)}`);
    }
    const services = {...this.shared, ...(await this.ports(aws, name)), ...routes} as Services;
    this.built.set(name, {aws, services, info: {
      spec: {name, region, alias: accountId}, accountId, credentials: {kind: 'valid'},
      requestsPerSecond: 0, throttlesLastMinute: 0, inFlight: 0,
    }});
    return name;
  }
}
