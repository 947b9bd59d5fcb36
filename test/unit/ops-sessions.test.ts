import assert from 'node:assert/strict';
import type { Request } from 'express';
import { createSessionStore, csrfTokenMatches, sessionToken } from '../../api/ops/sessions';

describe('ops sessions', () => {
  it('finds a session by its token until it expires, then forgets it', () => {
    let clock = 1_000;
    const store = createSessionStore({ ttlMs: 500, now: () => clock });
    const session = store.create('key_finance1');
    assert.equal(store.find(session.token)?.keyId, 'key_finance1');
    clock = 1_499;
    assert.ok(store.find(session.token));
    clock = 1_500;
    assert.equal(store.find(session.token), undefined);
    clock = 1_000;
    assert.equal(store.find(session.token), undefined, 'an expired session is gone, not just hidden');
  });

  it('gives every session its own random token and CSRF token, and destroy logs it out', () => {
    const store = createSessionStore({ ttlMs: 60_000 });
    const first = store.create('key_a');
    const second = store.create('key_a');
    assert.notEqual(first.token, second.token);
    assert.notEqual(first.csrfToken, second.csrfToken);
    assert.ok(first.token.length >= 40);
    store.destroy(first.token);
    assert.equal(store.find(first.token), undefined);
    assert.ok(store.find(second.token));
    assert.equal(store.find(undefined), undefined);
  });

  it("accepts only the session's own CSRF token", () => {
    const store = createSessionStore({ ttlMs: 60_000 });
    const session = store.create('key_a');
    const other = store.create('key_a');
    assert.equal(csrfTokenMatches(session, session.csrfToken), true);
    assert.equal(csrfTokenMatches(session, other.csrfToken), false);
    assert.equal(csrfTokenMatches(session, session.csrfToken.slice(1)), false);
    assert.equal(csrfTokenMatches(session, undefined), false);
    assert.equal(csrfTokenMatches(session, ['x']), false);
  });

  it('reads the session cookie among others', () => {
    const request = (cookie?: string) => ({ get: () => cookie }) as unknown as Request;
    assert.equal(sessionToken(request('a=1; hf_ops=tok=en; b=2')), 'tok=en');
    assert.equal(sessionToken(request('a=1')), undefined);
    assert.equal(sessionToken(request()), undefined);
  });
});
