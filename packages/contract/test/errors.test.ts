import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isProviderError, OcpProviderError, placeInput, toProviderError } from '../src/index.js';

describe('@ocp/contract errors', () => {
  test('one error class: recognised by its code, also when another bundle made it', () => {
    const ours = new OcpProviderError('NOT_FOUND', 'Dashboard not found');
    assert.equal(ours.name, 'OcpProviderError');
    assert.ok(isProviderError(ours));
    const copy = Object.assign(new Error('taken'), { code: 'CONFLICT' });
    assert.ok(isProviderError(copy));
    assert.equal(isProviderError(Object.assign(new Error('x'), { code: 'ENOENT' })), false);
  });

  test('toProviderError keeps provider errors and wraps anything else as INTERNAL_SERVER_ERROR', () => {
    const known = new OcpProviderError('FORBIDDEN', 'no');
    assert.equal(toProviderError(known), known);
    const wrapped = toProviderError(new TypeError('boom'));
    assert.equal(wrapped.code, 'INTERNAL_SERVER_ERROR');
    assert.equal(wrapped.message, 'boom');
    assert.ok(wrapped.cause instanceof TypeError);
  });
});

describe('@ocp/contract inputs', () => {
  const ids = { tabId: crypto.randomUUID(), chartId: crypto.randomUUID() };
  test('placements.place takes a slot by key or by id, exactly one, and an optional replace', () => {
    assert.equal(placeInput.safeParse({ ...ids, slotKey: 'a', replace: true }).success, true);
    assert.equal(placeInput.safeParse({ ...ids }).success, false);
    assert.equal(placeInput.safeParse({ ...ids, slotKey: 'a', slotId: crypto.randomUUID() }).success, false);
    assert.equal(placeInput.safeParse({ ...ids, slotKey: 'a', replace: 'yes' }).success, false);
  });
});
