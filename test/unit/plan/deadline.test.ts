import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadline } from '../../../docker/deadline';

test('deadline: the timer fires as a timeout', async () => {
  const d = deadline(5);
  await sleep(30);
  assert.equal(d.signal.aborted, true);
  assert.equal(d.reason(), 'timeout');
});

test('deadline: the caller cancelling first is "cancelled", and a later timer changes nothing', async () => {
  const outer = new AbortController();
  const d = deadline(20, outer.signal);
  outer.abort(new Error('user cancelled'));
  assert.equal(d.reason(), 'cancelled');
  assert.equal((d.signal.reason as Error).message, 'user cancelled');
  await sleep(40);
  assert.equal(d.reason(), 'cancelled');
});

test('deadline: an already aborted caller signal is "cancelled" at once', () => {
  const d = deadline(1000, AbortSignal.abort());
  assert.equal(d.reason(), 'cancelled');
  d.dispose();
});

test('deadline: dispose() stops the timer (a stream outlives its deadline), and nothing fired means no reason', async () => {
  const outer = new AbortController();
  const d = deadline(5, outer.signal);
  d.dispose();
  await sleep(30);
  assert.equal(d.signal.aborted, false);
  assert.equal(d.reason(), undefined);
});
