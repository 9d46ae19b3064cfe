import {describe, expect, it} from 'vitest';
import {errorMapping} from '../../src/aws/error-mapping.js';
import {ResourceError} from '../../src/fleet/resource-error.js';

class WidgetError extends ResourceError<'not-found' | 'invalid'> {
  override name = 'WidgetError';
}

const sdkError = (name: string, message: string, status?: number): Error =>
  Object.assign(new Error(message), {name, ...(status === undefined ? {} : {$metadata: {httpStatusCode: status}})});

const {toError, mapped} = errorMapping({WidgetNotFound: 'not-found', ValidationException: 'invalid'}, WidgetError);

describe('errorMapping', () => {
  it('gives a documented error name its kind, with the name as the code', () => {
    const e = toError(sdkError('WidgetNotFound', 'no widget w-1', 400));
    expect(e).toBeInstanceOf(WidgetError);
    expect(e).toMatchObject({kind: 'not-found', code: 'WidgetNotFound', message: 'WidgetNotFound: no widget w-1', name: 'WidgetError'});
  });

  it('classifies the rest by transport: throttled, auth, unavailable, other', () => {
    expect(toError(sdkError('ThrottlingException', 'Rate exceeded', 400)).kind).toBe('throttled');
    expect(toError(sdkError('Whatever', 'slow down', 429)).kind).toBe('throttled');
    expect(toError(sdkError('AccessDeniedException', 'no', 400)).kind).toBe('auth');
    expect(toError(sdkError('InternalServerError', 'oops', 500)).kind).toBe('unavailable');
    expect(toError(Object.assign(new Error('connect'), {code: 'ECONNREFUSED'})).kind).toBe('unavailable');
    const unknown = toError(sdkError('SomethingNew', 'surprise', 400));
    expect(unknown).toMatchObject({kind: 'other', code: 'SomethingNew', message: 'SomethingNew: surprise'});
    expect(toError('a string')).toMatchObject({kind: 'other', code: 'Error'});
  });

  it('does not take a name from the object prototype for a kind', () => {
    expect(toError(sdkError('constructor', 'x', 400)).kind).toBe('other');
  });

  it('sanitizes the message and the code, which come from the endpoint', () => {
    const e = toError(sdkError('Bad\u001b[2JName', 'wipe \u001b]52;c;aGk=\u0007 it\u009b', 400));
    expect(e.message).toBe('Bad␛[2JName: wipe ␛]52;c;aGk=␇ it\\x9b');
    expect(e.code).toBe('Bad␛[2JName');
    expect(new WidgetError('invalid', 'line\none\u202e').message).toBe('line␊one�');
  });

  it('returns an error already mapped as it is, and mapped() rethrows mapped', async () => {
    const already = new WidgetError('invalid', 'refused', 'ValidationException');
    expect(toError(already)).toBe(already);
    await expect(mapped(() => Promise.reject(sdkError('ValidationException', 'bad', 400)))).rejects.toMatchObject({kind: 'invalid'});
    await expect(mapped(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
