import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOutcome, confirmation } from '../../../../client/docker/applyText';
import { DockerError } from '../../../../docker/errors';
import { emptyHost, plan } from '../../plan/helpers';

const SPEC = `
  version: 1
  networks:
    e2e-lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    e2e-lab: { parent: eth1, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }
  containers:
    probe:
      image: busybox
      networks:
        e2e-lan: { ipv4_address: 192.0.2.10 }
`;

test('the confirmation names the host, the counts and every step', () => {
  const p = plan(SPEC, { ...emptyHost(), images: { busybox: true } });
  const c = confirmation(p, 'local', 'unix:///var/run/docker.sock');
  assert.equal(c.message, 'Apply 3 steps to host local (unix:///var/run/docker.sock)?');
  assert.equal(
    c.detail,
    ['3 to create, 0 to recreate, 0 to change, 0 to remove, 0 unchanged.', '', '• create network e2e-lan', '• create network e2e-lab', '• create container probe'].join('\n'),
  );
});

test('a failure says what was done, what was not, and what was rolled back', () => {
  const p = plan(SPEC, { ...emptyHost(), images: { busybox: true } });
  const [a, b, c] = p.steps;
  const o = applyOutcome(
    { done: [a], notDone: [b, c], failedStep: 1, error: new DockerError('conflict', 'cannot create network e2e-lab on unix:///x: Pool overlaps', 'another network uses it'), rolledBack: ['removed network e2e-lab'], rollbackErrors: [], notes: [] },
    3,
    'local',
    'unix:///x',
    1200,
  );
  assert.equal(o.ok, false);
  assert.equal(o.summary, 'Apply to local failed at step 2/3 (create network e2e-lab): cannot create network e2e-lab on unix:///x: Pool overlaps (hint: another network uses it). Done: 1, not done: 2.');
  assert.match(o.report, /Done \(kept\):\n {2}✓ create network e2e-lan\nNot done:\n {2}✗ create network e2e-lab\n {2}· create container probe\nRolled back/);
  const ok = applyOutcome({ done: p.steps, notDone: [], rolledBack: [], rollbackErrors: [], notes: [] }, 3, 'local', 'unix:///x', 1234);
  assert.equal(ok.summary, 'Applied 3 of 3 steps to host local in 1.2 s.');
  const cancelled = applyOutcome({ done: [], notDone: p.steps, error: new DockerError('cancelled', 'apply cancelled before step 1/3'), rolledBack: [], rollbackErrors: [], notes: [] }, 3, 'local', 'unix:///x', 10);
  assert.equal(cancelled.summary, 'Apply to local cancelled before it changed anything.');
});
