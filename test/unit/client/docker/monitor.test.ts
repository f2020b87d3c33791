import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostMonitor } from '../../../../client/docker/monitor';
import type { ObservedHost } from '../../../../core/observed';
import { DockerError } from '../../../../docker/errors';
import type { DockerTarget } from '../../../../docker/target';
import type { DockerEvent, DockerHost } from '../../../../docker/types';
import { BRIDGE, ENGINE } from './fixtures';

const TARGET: DockerTarget = { url: 'unix:///fake.sock', kind: 'unix', source: 'setting', socketPath: '/fake.sock' };

/** Counts calls; `down` makes every call fail like a stopped daemon; `emit` sends an event. */
class Fake {
  loads = 0;
  streams = 0;
  open = 0;
  closed = 0;
  down = false;
  private listeners = new Set<(e: DockerEvent) => void>();
  private breakers = new Set<(err: Error) => void>();
  host(): DockerHost {
    this.open++;
    const unreachable = () => new DockerError('unreachable', 'cannot reach Docker at unix:///fake.sock: connection refused — is the Docker daemon running?', 'start it');
    const host: Partial<DockerHost> = {
      target: TARGET,
      info: async () => {
        if (this.down) throw unreachable();
        return ENGINE;
      },
      listNetworks: async () => {
        this.loads++;
        if (this.down) throw unreachable();
        return [BRIDGE()];
      },
      listContainers: async () => {
        if (this.down) throw unreachable();
        return [];
      },
      interfaces: async () => undefined,
      events: (signal, onEvent) => {
        this.streams++;
        return new Promise<void>((resolve, reject) => {
          if (this.down) return reject(unreachable());
          const brk = (err: Error) => {
            this.listeners.delete(onEvent);
            reject(err);
          };
          this.listeners.add(onEvent);
          this.breakers.add(brk);
          signal.addEventListener('abort', () => {
            this.listeners.delete(onEvent);
            this.breakers.delete(brk);
            resolve();
          });
        });
      },
      close: () => {
        this.closed++;
      },
    };
    return host as DockerHost;
  }
  emit(): void {
    for (const l of this.listeners) l({ type: 'network', action: 'create', id: 'x', time: 0 });
  }
  breakStream(): void {
    for (const b of this.breakers) b(new DockerError('unreachable', 'the event stream broke'));
    this.breakers.clear();
  }
  get listening(): number {
    return this.listeners.size;
  }
}

function setup(opts: { debounceMs?: number; retryMs?: number } = {}) {
  const fake = new Fake();
  const observed: (ObservedHost | undefined)[] = [];
  let states = 0;
  const m = new HostMonitor({
    open: () => fake.host(),
    onState: () => states++,
    onObserved: (_url, o) => observed.push(o),
    log: () => {},
    debounceMs: opts.debounceMs ?? 20,
    retryMs: opts.retryMs ?? 150,
  });
  m.setTarget(TARGET, 'k1');
  return { fake, m, observed, states: () => states };
}

test('nothing talks to Docker until the view is visible or a refresh is asked for', async () => {
  const { fake, m } = setup();
  await sleep(30);
  assert.equal(fake.open, 0);
  assert.equal(m.state.status, 'idle');
  await m.ensureLoaded();
  assert.equal(fake.loads, 1);
  assert.equal(m.state.status, 'ok');
  assert.equal(fake.streams, 0, 'no event stream while hidden');
  m.dispose();
});

test('visible: loads, listens, and a burst of events makes one debounced reload', async () => {
  const { fake, m, observed } = setup();
  m.setVisible(true);
  await m.ensureLoaded();
  assert.equal(fake.loads, 1);
  assert.equal(fake.listening, 1);
  assert.equal(observed.length, 1);
  assert.equal(observed[0]?.engine, '20.10.24');
  for (let i = 0; i < 10; i++) fake.emit();
  await sleep(60);
  assert.equal(fake.loads, 2);
  assert.equal(fake.listening, 1, 'still one stream');
  m.dispose();
});

test('hidden: stops listening; shown again: reloads once', async () => {
  const { fake, m } = setup();
  m.setVisible(true);
  await m.ensureLoaded();
  m.setVisible(false);
  assert.equal(fake.listening, 0);
  fake.emit();
  m.request(0);
  await sleep(30);
  assert.equal(fake.loads, 1, 'no reload while hidden');
  m.setVisible(true);
  await m.ensureLoaded();
  assert.equal(fake.loads, 2);
  assert.equal(fake.listening, 1);
  m.dispose();
});

test('a refresh during a load runs exactly one more, and the caller waits for it', async () => {
  const { fake, m } = setup();
  const a = m.refresh();
  const b = m.refresh();
  const c = m.refresh();
  await Promise.all([a, b, c]);
  assert.equal(fake.loads, 2);
  m.dispose();
});

test('a daemon that is down: an error state, observations forgotten, retried no faster than retryMs, no redraw loop', async () => {
  const { fake, m, observed, states } = setup({ retryMs: 100 });
  m.setVisible(true);
  await m.ensureLoaded();
  fake.down = true;
  await m.refresh();
  assert.equal(m.state.status, 'error');
  assert.equal(m.state.error?.kind, 'unreachable');
  assert.equal(observed.at(-1), undefined);
  // The view asks for its items after every state change: that must not reload.
  const loads = fake.loads;
  for (let i = 0; i < 5; i++) await m.ensureLoaded();
  assert.equal(fake.loads, loads);
  const before = states();
  await sleep(60);
  assert.equal(fake.loads, loads, 'not retried before retryMs');
  fake.down = false;
  await sleep(80);
  assert.equal(fake.loads, loads + 1, 'retried once after retryMs');
  assert.equal(m.state.status, 'ok');
  assert.ok(states() > before);
  m.dispose();
});

test('an event stream that breaks right away is not restarted in a loop', async () => {
  const { fake, m } = setup({ retryMs: 200, debounceMs: 10 });
  m.setVisible(true);
  await m.ensureLoaded();
  assert.equal(fake.streams, 1);
  fake.breakStream();
  await sleep(60);
  assert.equal(fake.loads, 2, 'reloaded once after the break');
  assert.equal(fake.streams, 1, 'not restarted yet');
  await sleep(220);
  assert.equal(fake.streams, 2, 'restarted after retryMs');
  m.dispose();
});

test('another target closes the old connection and starts over', async () => {
  const { fake, m } = setup();
  await m.refresh();
  assert.equal(m.setTarget(TARGET, 'k1'), false);
  assert.equal(m.setTarget({ ...TARGET, url: 'unix:///other.sock' }, 'k2'), true);
  assert.equal(fake.closed, 1);
  assert.equal(m.state.status, 'idle');
  m.dispose();
});
