import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { applyEdits, fixAll, fixesFor } from '../../../core/fixes';
import { dedent, errorKeys } from './helpers';

/** Many problems at once, in both YAML styles, so fixes meet each other's neighbours. */
const kitchenSink = dedent(`
    version: 1
    hosts:
      h1: { docker: "unix:///var/run/docker.sock" }
      h2:
        docker: ssh://ops@h2.example
    networks:
      lan:
        parent: eth0.010
        subnet: "10.8.0.5/24"
        gateway: 10.8.0.0
        ip_range: 10.8.0.128/25
        aux_addresses: { sw: 10.8.0.1 }
        exclude: [10.8.0.2-10.8.0.9]
      dmz: { parent: "eth1.30", vlan: 31, subnet: 10.8.0.0/25, ipv6: { subnet: "fd00:8::/64", gateway: "fd00:9::1" } }
      guest:
        parent: eth2
        subnet: 10.8.0.0/26
        ipv6:
          subnet: "fd00:8::/64"
    containers:
      web:
        image: nginx
        host: h1
        networks:
          lan: { ipv4_address: 10.8.0.200, mac_address: "02-00-0a-08-00-0a" }
          dmz:
            ipv4_address: '10.9.0.1'
      api:
        image: nginx
        host: h2
        networks:
          lan:
            ipv4_address: 10.8.0.200
          guest: { ipv4_address: 10.8.0.1, ipv6_address: "fd00:8::5" }
  `);

test('every fix of every finding applies cleanly and adds no error', () => {
  const before = checkText(kitchenSink);
  const beforeErrors = errorKeys(before.findings);
  let tried = 0;
  for (const f of before.findings) {
    for (const fix of fixesFor(f, before)) {
      tried++;
      const after = applyEdits(kitchenSink, fix.edits);
      const re = checkText(after);
      const where = `${f.code} "${fix.title}"`;
      assert.deepEqual(re.findings.filter((x) => x.code === 'MV000' || x.code === 'MV001').map((x) => x.message), [], `${where}:\n${after}`);
      const added = [...errorKeys(re.findings)].filter((k) => !beforeErrors.has(k));
      assert.deepEqual(added, [], `${where} added errors:\n${after}`);
      assert.ok(re.findings.length < before.findings.length || f.severity !== 'error', `${where} fixed nothing`);
    }
  }
  assert.ok(tried >= 10, `only ${tried} fixes tried`);
});

test('fixAll on the same spec: safe fixes only, converges, no new error, idempotent', () => {
  const out = fixAll(kitchenSink);
  assert.deepEqual(out.applied.map((a) => a.code).sort(), ['MV102', 'MV104', 'MV105', 'MV301']);
  const added = [...errorKeys(out.remaining)].filter((k) => !errorKeys(checkText(kitchenSink).findings).has(k));
  assert.deepEqual(added, []);
  assert.equal(fixAll(out.text).text, out.text);
});
