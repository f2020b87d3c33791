import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkText } from '../../../core/check';
import { checkCompose } from '../../../core/compose/check';
import { composeToSpec, specToCompose } from '../../../core/compose/convert';
import { parseCompose } from '../../../core/compose/read';
import type { SpecModel } from '../../../core/spec/model';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** What both forms can say, as plain values: networks and the containers' attachments. */
function shape(m: SpecModel) {
  return {
    networks: m.networks.map((n) => ({
      name: n.name,
      driver: n.driver,
      parent: n.vlan ? `${n.parent?.value}.${n.vlan.value}` : n.parent?.value,
      mode: n.mode?.value ?? (n.driver === 'ipvlan' ? 'l2' : 'bridge'),
      subnet: n.subnet?.value,
      gateway: n.gateway?.value,
      ipRange: n.ipRange?.value,
      aux: n.aux.map((a) => [a.name, a.value.value]),
      exclude: n.exclude.map((e) => e.value),
      ipv6: n.ipv6 ? [n.ipv6.subnet?.value, n.ipv6.gateway?.value, n.ipv6.ipRange?.value] : undefined,
      internal: n.internal?.value ?? false,
      labels: n.labels,
    })),
    containers: m.containers.map((c) => ({ name: c.name, image: c.image?.value, networks: c.networks.map((a) => [a.name, a.ipv4?.value, a.ipv6?.value, a.mac?.value]) })),
  };
}

test('spec → compose → the same networks and addresses, for the one-host examples', () => {
  for (const f of ['seed.macvlan.yaml', 'ipvlan-l3.macvlan.yaml']) {
    const check = checkText(readFileSync(path.join(EXAMPLES, f), 'utf8'), { specPath: path.join(EXAMPLES, f) });
    const out = specToCompose(check.facts, f);
    const back = parseCompose(out.text, { project: 'p' });
    assert.deepEqual(shape(back.model), shape(check.facts.model), f);
    for (const n of check.facts.model.networks) assert.equal(back.dockerNames.get(n.name), n.name, `${f}: ${n.name} keeps its Docker name, as apply makes it`);
    assert.deepEqual(checkCompose(out.text, { project: 'p' }).findings.filter((x) => x.severity === 'error'), [], `${f}: the compose form is as clean as the spec`);
  }
});

test('spec → compose says what compose cannot: several hosts, per-host pools, shims', () => {
  const f = 'two-host-lab.macvlan.yaml';
  const check = checkText(readFileSync(path.join(EXAMPLES, f), 'utf8'), { specPath: path.join(EXAMPLES, f) });
  const out = specToCompose(check.facts, f);
  assert.ok(out.notes.some((n) => /hosts; a compose file runs on one Docker host/.test(n)), out.notes.join('\n'));
  assert.ok(out.notes.some((n) => /ip_range per host/.test(n)), out.notes.join('\n'));
  for (const n of out.notes) assert.ok(out.text.includes(`# note: ${n}`));
});

test('compose → spec → the same macvlan part, and what a spec cannot hold is noted', () => {
  const text = `services:
  web:
    image: nginx
    ports: ["80:80"]
    networks:
      lan: { ipv4_address: 192.0.2.10, mac_address: "02:42:c0:00:02:0a" }
      back: {}
networks:
  lan:
    driver: macvlan
    driver_opts: { parent: eth0.10, macvlan_mode: bridge }
    ipam:
      config:
        - { subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: 192.0.2.128/25, aux_addresses: { sw: 192.0.2.2 } }
    x-macvlan: { exclude: [192.0.2.100-192.0.2.119] }
  back:
    driver: bridge
`;
  const c = parseCompose(text, { project: 'home' });
  const out = composeToSpec(c, 'compose.yaml');
  const spec = checkText(out.text, { specPath: '/x/home/macvlan.yaml' });
  assert.deepEqual(spec.findings.filter((f) => f.severity === 'error'), [], out.text);
  assert.deepEqual(shape(spec.facts.model), shape(c.model));
  assert.match(out.text, /^name: home$/m);
  assert.ok(out.notes.some((n) => /network back \(bridge\) is not macvlan\/ipvlan/.test(n)));
  assert.ok(out.notes.some((n) => /network lan is home_lan on Docker/.test(n)));
});
