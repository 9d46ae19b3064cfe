// Hybrid activations through SSM: the ActivationsPort over @aws-sdk/client-ssm. Lists go to the end at the API's
// largest page; every string from the service is sanitized here; the service's refusals become ActivationErrors.
import {
  CreateActivationCommand, DeleteActivationCommand, DeregisterManagedInstanceCommand, DescribeActivationsCommand,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages, pageToken} from '../pages.js';
import type {Activation} from '../../fleet/activations/activation.js';
import {ActivationError, type ActivationErrorKind, type ActivationsPort} from '../../fleet/activations/port.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;

const KINDS: Readonly<Record<string, ActivationErrorKind>> = {
  InvalidActivationId: 'not-found',
  InvalidActivation: 'not-found',
  InvalidInstanceId: 'not-found',
  InvalidParameters: 'invalid',
  ValidationException: 'invalid',
  InvalidFilter: 'invalid',
};

const {mapped} = errorMapping(KINDS, ActivationError);

export function activationsApi(aws: AwsClients): ActivationsPort {
  return {
    list: (filters, signal) => mapped(async () => {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new DescribeActivationsCommand({
          MaxResults: PAGE,
          ...(filters?.length ? {Filters: filters.map((f) => ({FilterKey: f.key, FilterValues: [...f.values]}))} : {}),
          ...pageToken(token),
        }), {abortSignal: signal});
        return {items: res.ActivationList, next: res.NextToken};
      });
      return list.map((a): Activation => {
        const tags: Record<string, string> = {};
        for (const t of a.Tags ?? []) tags[clean(t.Key ?? '')] = clean(t.Value ?? '');
        return {
          activationId: clean(a.ActivationId ?? ''),
          description: clean(a.Description ?? ''),
          defaultInstanceName: clean(a.DefaultInstanceName ?? ''),
          iamRole: clean(a.IamRole ?? ''),
          registrationLimit: a.RegistrationLimit ?? 0,
          registrationsCount: a.RegistrationsCount ?? 0,
          expirationDate: a.ExpirationDate?.getTime() ?? 0,
          expired: a.Expired ?? false,
          createdDate: a.CreatedDate?.getTime() ?? 0,
          tags,
        };
      });
    }),

    create: (input, signal) => mapped(async () => {
      const res = await aws.ssm.send(new CreateActivationCommand({
        IamRole: input.iamRole,
        ...(input.description !== undefined ? {Description: input.description} : {}),
        ...(input.defaultInstanceName !== undefined ? {DefaultInstanceName: input.defaultInstanceName} : {}),
        ...(input.registrationLimit !== undefined ? {RegistrationLimit: input.registrationLimit} : {}),
        ...(input.expirationDate !== undefined ? {ExpirationDate: new Date(input.expirationDate)} : {}),
        ...(input.tags ? {Tags: Object.entries(input.tags).map(([Key, Value]) => ({Key, Value}))} : {}),
        ...(input.registrationMetadata
          ? {RegistrationMetadata: input.registrationMetadata.map((m) => ({Key: m.key, Value: m.value}))}
          : {}),
      }), {abortSignal: signal});
      return {activationId: clean(res.ActivationId ?? ''), activationCode: clean(res.ActivationCode ?? '')};
    }),

    delete: (activationId, signal) => mapped(async () => {
      await aws.ssm.send(new DeleteActivationCommand({ActivationId: activationId}), {abortSignal: signal});
    }),

    deregister: (instanceId, signal) => mapped(async () => {
      await aws.ssm.send(new DeregisterManagedInstanceCommand({InstanceId: instanceId}), {abortSignal: signal});
    }),
  };
}
