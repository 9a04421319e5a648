'use strict';
// The token cache, with a fetch and a clock of the test's own.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Tokens } = require('../lib/tokens');

/** A fetch that hands out token-1, token-2, … for 7200 s, each only when the test releases it. */
function grants() {
  const waiting = [];
  let issued = 0;
  return {
    fetch: () => new Promise((resolve, reject) => waiting.push({ resolve, reject })),
    release() {
      issued += 1;
      waiting.shift().resolve({ token: `token-${issued}`, expiresInSeconds: 7200 });
    },
    fail(error) {
      waiting.shift().reject(error);
    },
    get pending() {
      return waiting.length;
    },
  };
}

test('calls at the same time share one fetch', async () => {
  const source = grants();
  const tokens = new Tokens(source.fetch, () => 0);
  const three = [tokens.get(), tokens.get(), tokens.get()];
  assert.equal(source.pending, 1);
  source.release();
  assert.deepEqual(await Promise.all(three), ['token-1', 'token-1', 'token-1']);
  assert.equal(await tokens.get(), 'token-1');
  assert.equal(source.pending, 0);
});

test('a token is renewed five minutes before it expires', async () => {
  const source = grants();
  let now = 0;
  const tokens = new Tokens(source.fetch, () => now);
  const first = tokens.get();
  source.release();
  assert.equal(await first, 'token-1');
  now = (7200 - 300) * 1000 - 1;
  assert.equal(await tokens.get(), 'token-1');
  now += 1;
  const renewed = tokens.get();
  assert.equal(source.pending, 1);
  source.release();
  assert.equal(await renewed, 'token-2');
});

test('an invalidated token is fetched again; invalidating an older one changes nothing', async () => {
  const source = grants();
  const tokens = new Tokens(source.fetch, () => 0);
  const first = tokens.get();
  source.release();
  await first;
  tokens.invalidate('token-0');
  assert.equal(await tokens.get(), 'token-1');
  tokens.invalidate('token-1');
  const next = tokens.get();
  source.release();
  assert.equal(await next, 'token-2');
});

test('a failed fetch fails its callers, and the next call fetches anew', async () => {
  const source = grants();
  const tokens = new Tokens(source.fetch, () => 0);
  const failing = tokens.get();
  source.fail(new Error('refused'));
  await assert.rejects(failing, /refused/);
  const retried = tokens.get();
  assert.equal(source.pending, 1);
  source.release();
  assert.equal(await retried, 'token-1');
});
