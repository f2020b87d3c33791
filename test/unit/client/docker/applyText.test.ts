import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alternativesWorthPlanning, applyChoices, applyOutcome, choiceConfirmation, combinePlans, confirmation, NOTIFICATION_MIN_VISIBLE_MS, waitForProgressToClose } from '../../../../client/docker/applyText';
import { DockerError } from '../../../../docker/errors';
import { emptyHost, hostAfterApply, plan } from '../../plan/helpers';

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
  assert.equal(o.summary, 'Apply to local failed at step 2/3 (create network e2e-lab): cannot create network e2e-lab on unix:///x: Pool overlaps (hint: another network uses it). everything done was undone.');
  assert.match(o.report, /Done, then undone:\n {2}↺ create network e2e-lan\nNot done:\n {2}✗ create network e2e-lab\n {2}· create container probe\nRolled back, newest first:\n {2}↺ removed network e2e-lab\nThe host is as it was before the apply\./);
  const partial = applyOutcome({ done: [a], notDone: [b, c], failedStep: 1, error: new DockerError('rejected', 'boom'), rolledBack: [], rollbackErrors: ['could not undo (removed the new network e2e-lan): daemon gone'], notes: [] }, 3, 'local', 'unix:///x', 5);
  assert.match(partial.summary, /1 thing\(s\) could not be restored \(see the report\)\.$/);
  assert.match(partial.report, /NOT restored — check these on the host:\n {2}! could not undo \(removed the new network e2e-lan\): daemon gone/);
  const ok = applyOutcome({ done: p.steps, notDone: [], rolledBack: [], rollbackErrors: [], notes: [] }, 3, 'local', 'unix:///x', 1234);
  assert.equal(ok.summary, 'Applied 3 of 3 steps to host local in 1.2 s.');
  const cancelled = applyOutcome({ done: [], notDone: p.steps, error: new DockerError('cancelled', 'apply cancelled before step 1/3'), rolledBack: [], rollbackErrors: [], notes: [] }, 3, 'local', 'unix:///x', 10);
  assert.equal(cancelled.summary, 'Apply to local cancelled before it changed anything.');
});

test('the dialog: "Apply" first (it never removes), "Apply and Remove N" only when there are orphans, "Apply and Adopt N" for an older macvlan-spec\'s', () => {
  const host = { ...hostAfterApply(SPEC), images: { busybox: true } };
  const smaller = SPEC.replace(/ {4}e2e-lab:.*\n/, '').replace('    e2e-lan:', '    e2e-new: { parent: eth2, subnet: 203.0.113.0/24 }\n    e2e-lan:');
  const base = plan(smaller, host);
  assert.deepEqual(base.orphans.map((o) => o.name), ['e2e-lab']);
  assert.deepEqual(alternativesWorthPlanning(base), { prune: true, adopt: false });
  const choices = applyChoices(base, { prune: plan(smaller, host, 'local', { prune: true }) });
  assert.deepEqual(choices.map((c) => c.label), ['Apply', 'Apply and Remove 1']);
  assert.equal(choices[0].plan.steps.some((s) => s.kind === 'removeNetwork' || s.kind === 'removeContainer'), false, 'the default button removes nothing');
  const c = choiceConfirmation(choices, 'local', 'unix:///x');
  assert.equal(c.message, 'Apply 1 step to host local (unix:///x)?');
  assert.match(c.detail, /"Apply" removes nothing and claims nothing\.\n\n"Apply and Remove 1" also does:\n• remove network e2e-lab$/);

  // nothing to apply but an orphan: only the explicit button
  const onlyOrphan = plan(SPEC.replace(/ {4}e2e-lab:.*\n/, ''), host);
  const only = applyChoices(onlyOrphan, { prune: plan(SPEC.replace(/ {4}e2e-lab:.*\n/, ''), host, 'local', { prune: true }) });
  assert.deepEqual(only.map((x) => x.label), ['Apply and Remove 1']);
  assert.equal(choiceConfirmation(only, 'local', 'unix:///x').message, 'Remove 1 on host local (unix:///x)?');

  // made by an older macvlan-spec: matches, so "Apply" leaves it; Adopt claims it
  const legacy = hostAfterApply(SPEC);
  for (const n of legacy.networks) delete n.labels['io.macvlan-spec.spec'];
  const lb = plan(SPEC, legacy);
  assert.deepEqual(alternativesWorthPlanning(lb), { prune: false, adopt: true });
  assert.deepEqual(applyChoices(lb, { adopt: plan(SPEC, legacy, 'local', { adopt: true }) }).map((x) => x.label), ['Apply and Adopt 2']);
  // nothing at all
  assert.deepEqual(applyChoices(plan(SPEC, host), {}), []);
});

test('several hosts: one dialog for all of them, each step named with its host, conflicts and counts summed', () => {
  const a = plan(SPEC, { ...emptyHost(), images: { busybox: true } });
  const b = plan(SPEC.replace(/ {2}containers:[\s\S]*$/, ''), emptyHost());
  const all = combinePlans([a, b], ['lab1', 'lab2']);
  assert.equal(all.steps.length, 5);
  const choices = applyChoices(all, {});
  assert.deepEqual(choices.map((c) => [c.label, c.options]), [['Apply', {}]]);
  const c = choiceConfirmation(choices, '2 hosts (lab1, lab2)', '');
  assert.equal(c.message, 'Apply 5 steps to 2 hosts (lab1, lab2)?');
  assert.match(c.detail, /• lab1: create network e2e-lan\n• lab1: create network e2e-lab\n• lab1: create container probe\n• lab2: create network e2e-lan\n• lab2: create network e2e-lab/);
  assert.equal(combinePlans([a], ['lab1']), a, 'one host: its own plan');
});

test('the apply dialog waits until VS Code has closed the "Planning…" notification, and no longer', () => {
  // VS Code holds an extension's progress notification for at least 800 ms.
  assert.equal(NOTIFICATION_MIN_VISIBLE_MS, 800);
  assert.equal(waitForProgressToClose(1_000, 1_200), 700, 'a 200 ms plan: the rest of the 800 ms and the fade');
  assert.equal(waitForProgressToClose(1_000, 1_900), 0, 'the toast is gone already');
  assert.equal(waitForProgressToClose(1_000, 5_000), 0, 'a slow plan waits for nothing');
});
