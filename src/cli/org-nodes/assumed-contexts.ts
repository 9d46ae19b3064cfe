// Contexts the organisation view makes on demand: a node in an account and region the user did not connect is acted
// on there with the management context's credentials assuming the config's org.roleName (its own account: the same
// credentials in that region). Each gets its clients and its services once, kept for the rest of the run, and — as
// SSM's limits are per account per region — its own request budget (the management context's cap) and meter, and a
// credential state that follows its calls; `:ctx` lists them.
import type {AwsClients} from '../../aws/clients.js';
import type {ContextSet} from '../../aws/contexts/context-set.js';
import {assumedClients} from '../../aws/org-nodes/assumed-clients.js';
import {describeAwsError} from '../../aws/errors.js';
import type {ContextInfo, CredentialState} from '../../fleet/contexts/context.js';
import {RequestBudget} from '../../aws/contexts/request-budget.js';
import {credentialStateFor, isCredentialFailure} from '../../aws/contexts/credential-state.js';
import {contextAt, noRoleMessage, orgContextName, roleArn} from '../../fleet/org-nodes/org-node.js';
import type {Services} from '../../views/view.js';

interface Assumed {
  aws: AwsClients;
  services: Services;
  budget: RequestBudget;
  /** What stays: the spec, the account, how it was reached. */
  info: Pick<ContextInfo, 'spec' | 'accountId' | 'assumed'>;
  credentials: CredentialState;
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
    return [...this.built.values()].map((a) => ({...a.info, credentials: a.credentials, ...a.budget.meter(),
      maxInFlight: a.budget.maxConcurrent, queued: a.budget.queued(), inView: false}));
  }

  close(): void {
    for (const a of this.built.values()) {
      a.budget.close();
      a.aws.destroy();
    }
    this.built.clear();
  }

  private async make(name: string, accountId: string, region: string, routes: Pick<Services, 'contexts' | 'soleContext'>): Promise<string> {
    const org = this.shared.org ?? {};
    const base = (org.context === undefined ? undefined : this.set.get(org.context)) ?? this.set.all()[0];
    if (base === undefined) throw new Error('no context to act from');
    const own = this.set.info(base.spec.name)?.accountId ?? base.aws.target.accountId;
    const roleName = accountId === own ? undefined : org.roleName;
    if (accountId !== own && roleName === undefined) throw new Error(noRoleMessage(accountId));
    const budget = new RequestBudget({maxConcurrent: base.budget.maxConcurrent});
    let aws: AwsClients;
    try {
      aws = await assumedClients(base.aws, {accountId, region, ...(roleName === undefined ? {} : {roleName})}, (stack) => budget.attach(stack));
    } catch (e) {
      budget.close();
      const what = roleName === undefined ? `reach ${region} from ${base.spec.name}` : `assume ${roleArn(accountId, roleName)} from ${base.spec.name}`;
      throw new Error(`could not ${what} (org.roleName): ${describeAwsError(e)}`);
    }
    const services = {...this.shared, ...(await this.ports(aws, name)), ...routes} as Services;
    const made: Assumed = {aws, services, budget, credentials: {kind: 'valid'},
      info: {spec: {name, region, alias: accountId}, accountId,
        assumed: {...(roleName === undefined ? {} : {roleName}), ...(base.spec.profile === undefined ? {} : {fromProfile: base.spec.profile})}}};
    // Its calls say how its credentials are doing: a refused role or expired set is its state until a call works again.
    budget.onError((err) => {
      if (isCredentialFailure(err)) made.credentials = credentialStateFor(err, {sso: false}) ?? made.credentials;
    });
    budget.onSuccess(() => {
      if (made.credentials.kind !== 'valid') made.credentials = {kind: 'valid'};
    });
    this.built.set(name, made);
    return name;
  }
}
