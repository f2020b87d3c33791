import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompose } from '../../../core/compose/check';
import { checkFiles } from '../../../core/workspace/checkFiles';
import { isComposeFile, parseCompose, projectName } from '../../../core/compose/read';

const LAN = `services:
  web:
    image: nginx
    container_name: web-1
    mac_address: 02:42:c0:00:02:0a
    networks:
      lan:
        ipv4_address: 192.0.2.10
networks:
  lan:
    driver: macvlan
    driver_opts:
      parent: eth0.10
      macvlan_mode: bridge
    ipam:
      config:
        - subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: 192.0.2.128/25
          aux_addresses:
            switch: 192.0.2.2
    x-macvlan:
      exclude: [192.0.2.100-192.0.2.119]
  back:
    driver: bridge
    ipam:
      config:
        - subnet: 172.30.0.0/24
`;

test('compose file names, and project names as compose makes them', () => {
  for (const f of ['compose.yaml', 'compose.yml', 'a/docker-compose.yaml', 'docker-compose.yml', 'lab.compose.yaml', 'x/lab.compose.yml']) assert.ok(isComposeFile(f), f);
  for (const f of ['macvlan.yaml', 'compose.json', 'my-compose.yaml.bak', 'docker-compose.override.txt']) assert.ok(!isComposeFile(f), f);
  assert.equal(projectName('Home Lab.2'), 'homelab2');
});

test('a compose network and service become the spec model, with spans into the compose text', () => {
  const c = parseCompose(LAN, { project: 'home' });
  const text = (s: { start: number; end: number }) => LAN.slice(s.start, s.end);
  assert.equal(c.model.networks.length, 1, 'the bridge network is not a macvlan/ipvlan one');
  const n = c.model.networks[0];
  assert.equal(n.name, 'lan');
  assert.equal(c.dockerNames.get('lan'), 'home_lan');
  assert.equal(n.parent?.value, 'eth0.10');
  assert.equal(text(n.parent!.span), 'eth0.10');
  assert.deepEqual(n.subnet?.path, ['networks', 'lan', 'ipam', 'config', 0, 'subnet']);
  assert.equal(text(n.gateway!.span), '192.0.2.1');
  assert.equal(n.ipRange?.value, '192.0.2.128/25');
  assert.deepEqual(n.aux.map((a) => [a.name, a.value.value]), [['switch', '192.0.2.2']]);
  assert.deepEqual(n.exclude.map((e) => e.value), ['192.0.2.100-192.0.2.119']);
  assert.equal(n.mode?.value, 'bridge');
  assert.deepEqual(c.others.map((o) => [o.key, o.driver, o.dockerName, o.subnets.map((s) => s.value)]), [['back', 'bridge', 'home_back', ['172.30.0.0/24']]]);
  const web = c.model.containers[0];
  assert.equal(web.name, 'web-1', 'container_name is the container');
  assert.equal(web.networks[0].ipv4?.value, '192.0.2.10');
  assert.equal(web.networks[0].mac?.value, '02:42:c0:00:02:0a', "the service's mac_address is its first network's");
  assert.deepEqual(web.networks[0].ipv4?.path, ['services', 'web', 'networks', 'lan', 'ipv4_address']);
});

test('the rules run on compose files: findings at compose paths, no spec-format findings', () => {
  const broken = LAN.replace('ipv4_address: 192.0.2.10', 'ipv4_address: 198.51.100.5').replace('gateway: 192.0.2.1', 'gateway: 198.51.100.1');
  const r = checkCompose(broken, { project: 'home', settings: { engine: '20.10' } });
  const codes = r.findings.map((f) => f.code).sort();
  assert.deepEqual(codes, ['MV104', 'MV402'].sort());
  const gw = r.findings.find((f) => f.code === 'MV104');
  assert.equal(broken.slice(gw!.span.start, gw!.span.end), '198.51.100.1');
  assert.deepEqual(checkCompose(LAN, { project: 'home', settings: { engine: '20.10' } }).findings, [], 'a valid file: no version, schema or host findings');
});

test('MV414: ports on a service whose only networks are macvlan; near miss with a bridge network too', () => {
  const withPorts = LAN.replace('    container_name: web-1\n', '    container_name: web-1\n    ports:\n      - "8080:80"\n');
  const f = checkCompose(withPorts, { project: 'home' }).findings.filter((x) => x.code === 'MV414');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].path, ['services', 'web', 'ports']);
  assert.match(f[0].message, /^service web publishes ports, but its only networks are macvlan: Docker publishes no ports there/);
  const alsoBridge = withPorts.replace('      lan:\n        ipv4_address', '      back: {}\n      lan:\n        ipv4_address');
  assert.deepEqual(checkCompose(alsoBridge, { project: 'home' }).findings.filter((x) => x.code === 'MV414'), []);
  const noNetworks = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
  assert.deepEqual(checkCompose(noNetworks, { project: 'x' }).findings, [], 'the default network is a bridge');
});

test('two projects on one host: overlaps, shared parents and duplicate addresses across files, with the other file named', () => {
  const a = { file: 'home/compose.yaml', project: 'home', text: LAN };
  const b = {
    file: 'lab/compose.yaml',
    project: 'lab',
    text: `services:
  db:
    image: postgres
    networks:
      lab: { ipv4_address: 192.0.2.130 }
      shared: { ipv4_address: 192.0.2.10 }
networks:
  lab:
    driver: macvlan
    driver_opts: { parent: eth0.10 }
    ipam:
      config:
        - subnet: 192.0.2.128/25
          gateway: 192.0.2.129
  shared:
    external: true
    name: home_lan
`,
  };
  const [ra, rb] = checkFiles([a, b], { settings: { engine: '20.10' } });
  assert.deepEqual(ra.result.findings.map((f) => f.code), [], 'the first project is fine on its own and first on the host');
  const got = rb.result.findings.map((f) => [f.code, f.related[0]?.file]).sort();
  assert.deepEqual(got, [
    ['MV201', 'home/compose.yaml'],
    ['MV203', 'home/compose.yaml'],
    ['MV404', 'home/compose.yaml'],
  ]);
  const overlap = rb.result.findings.find((f) => f.code === 'MV201')!;
  assert.match(overlap.message, /^subnet 192\.0\.2\.128\/25 of network lab overlaps 192\.0\.2\.0\/24 of network lan in home\/compose\.yaml on host local — Docker 20\.10 refuses the second with "Pool overlaps with other one on this address space"/);
  // Near miss: the second project on another host (x-macvlan.host) shares nothing.
  const elsewhere = { ...b, text: `x-macvlan:\n  host: lab2\n${b.text}` };
  const [, rc] = checkFiles([a, elsewhere], { settings: { engine: '20.10' } });
  assert.deepEqual(rc.result.findings.map((f) => f.code), []);
});

test('a bridge network overlapping a macvlan subnet in one file is MV201; disjoint is nothing', () => {
  const over = LAN.replace('172.30.0.0/24', '192.0.2.0/25');
  const f = checkFiles([{ file: 'p/compose.yaml', project: 'p', text: over }])[0].result.findings;
  assert.deepEqual(f.map((x) => x.code), ['MV201']);
  assert.match(f[0].message, /\(bridge\)/);
  assert.deepEqual(checkFiles([{ file: 'p/compose.yaml', project: 'p', text: LAN }])[0].result.findings, []);
});

test('x-macvlan.hosts: the project on each host — one IPAM per host on one LAN (MV207), a static address twice (MV404, said once, no fix); per-host pools through x-macvlan.ip_range', () => {
  const text = (pools: string) =>
    ['x-macvlan:', '  hosts: [nas, pi]', 'services:', '  dns:', '    image: busybox', '    networks:', '      lan: { ipv4_address: 192.0.2.53 }', 'networks:', '  lan:', '    driver: macvlan', '    driver_opts: { parent: eth0 }', pools, '    ipam:', '      config:', '        - subnet: 192.0.2.0/24', '          gateway: 192.0.2.1', '          ip_range: 192.0.2.128/25', ''].filter((l) => l !== '').join('\n');
  const shared = checkCompose(text(''), { project: 'p' });
  assert.deepEqual(shared.compose.model.hosts.map((h) => h.name), ['nas', 'pi']);
  assert.deepEqual(shared.findings.map((f) => f.code), ['MV404', 'MV207']);
  const dup = shared.findings[0];
  assert.equal(dup.data, undefined, 'moving the one address would move it on both hosts');
  assert.match(dup.message, /runs on every host of x-macvlan\.hosts with this one address/);
  assert.match(shared.findings[1].message, /x-macvlan: \{ ip_range: \{ nas: …, pi: … \} \}/, 'the remedy in compose words');
  const split = checkCompose(text('    x-macvlan:\n      ip_range: { nas: 192.0.2.128/26, pi: 192.0.2.192/26 }'), { project: 'p' });
  assert.deepEqual(split.findings.map((f) => f.code), ['MV404'], 'per-host pools: MV207 is gone');
  assert.deepEqual(split.facts.nets[0].ipRangeByHost.map((r) => [r.host, r.fact.val.value]), [['nas', '192.0.2.128/26'], ['pi', '192.0.2.192/26']]);
  // One host named: the spec's single-host reading.
  const one = checkCompose(text('').replace('hosts: [nas, pi]', 'host: nas'), { project: 'p' });
  assert.deepEqual(one.findings.map((f) => f.code), []);
});
