import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrashPolicy } from '../../../client/crashPolicy';

const MIN = 60_000;

test('restarts up to the budget inside the window, then gives up', () => {
  const p = new CrashPolicy(3, 3 * MIN);
  assert.deepEqual(p.onCrash(0), { restart: true, attempt: 1, maxRestarts: 3 });
  assert.deepEqual(p.onCrash(10_000), { restart: true, attempt: 2, maxRestarts: 3 });
  assert.deepEqual(p.onCrash(20_000), { restart: true, attempt: 3, maxRestarts: 3 });
  assert.deepEqual(p.onCrash(30_000), { restart: false, crashes: 4, windowMinutes: 3 });
});

test('crashes older than the window no longer count', () => {
  const p = new CrashPolicy(2, 3 * MIN);
  p.onCrash(0);
  p.onCrash(1 * MIN);
  assert.equal(p.onCrash(3 * MIN).restart, true, 'the crash at 0 has left the window');
  assert.equal(p.onCrash(3 * MIN + 1).restart, false);
});

test('a manual restart starts a fresh budget', () => {
  const p = new CrashPolicy(1, 3 * MIN);
  p.onCrash(0);
  assert.equal(p.onCrash(1).restart, false);
  p.reset();
  assert.deepEqual(p.onCrash(2), { restart: true, attempt: 1, maxRestarts: 1 });
});
