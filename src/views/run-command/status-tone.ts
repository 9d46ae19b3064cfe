import type {Tone} from '../view.js';

/** Colour of a command or invocation StatusDetails token. */
export function statusTone(sd: string): Tone | undefined {
  switch (sd) {
    case 'Success':
      return 'good';
    case 'Failed':
    case 'ExecutionTimedOut':
    case 'TimedOut':
      return 'bad';
    case 'DeliveryTimedOut':
    case 'Undeliverable':
    case 'Terminated':
    case 'Cancelled':
    case 'Incomplete':
    case 'InvalidPlatform':
    case 'AccessDenied':
      return 'warn';
    case 'Pending':
    case 'Delayed':
      return 'muted';
    default:
      return undefined;
  }
}
