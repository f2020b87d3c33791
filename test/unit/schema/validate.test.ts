import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { validateSchema, type SchemaIssue } from '../../../core/schema/validate';

// The example from the format contract (shared/design/macvlan-spec-v1.md), verbatim.
const DESIGN_EXAMPLE = `version: 1                            # required; the only version today

hosts:                                # optional; without it there is one implicit host named "local"
  lab1:                               #   (DOCKER_HOST, else the current docker context, else the default socket)
    docker: ssh://ops@lab1.example    # unix:///path | tcp://host:port | ssh://user@host[:port]
    # context: lab1                   # or a docker CLI context name (not both)
    engine: "27.3"                    # optional: Docker Engine version the rules assume (see "Engine versions")
    tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem }   # tcp:// only; paths relative to the spec
    interfaces: [eth0, bond0]         # optional: parent interfaces that exist on this host

networks:
  vlan10:                             # the key is the Docker network name
    driver: macvlan                   # macvlan (default) | ipvlan
    parent: eth0                      # NIC, bond or existing sub-interface; may be omitted only when internal: true
    vlan: 10                          # optional 802.1Q id 1..4094; Docker's parent becomes "eth0.10"
    mode: bridge                      # macvlan: bridge (default) | private | vepa | passthru
                                      # ipvlan:  l2 (default) | l3 | l3s
    ipvlan_flag: bridge               # ipvlan only: bridge (default) | private | vepa
    subnet: 192.168.10.0/24           # IPv4 subnet
    gateway: 192.168.10.1             # the external router on that segment
    ip_range: 192.168.10.128/25       # pool for addresses Docker hands out; or one per host:
    # ip_range: { lab1: 192.168.10.128/26, lab2: 192.168.10.192/26 }
    aux_addresses: { router2: 192.168.10.2 }   # addresses Docker must never hand out
    exclude: [192.168.10.100-192.168.10.119, 192.168.10.250]  # owned by other LAN devices (DHCP pool, printers)
    ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1", ip_range: "2001:db8:10::1000/116" }
    internal: false
    hosts: [lab1, lab2]               # which hosts get this network; default: every host
    labels: { team: infra }

containers:
  web:
    image: nginx:alpine
    host: lab1                        # default: the only host; required when there are several
    networks:
      vlan10:
        ipv4_address: 192.168.10.10
        ipv6_address: "2001:db8:10::10"
        mac_address: "02:00:c0:a8:0a:0a"
    command: ["nginx", "-g", "daemon off;"]
    env: { TZ: UTC }
    restart: unless-stopped`;

const MINIMAL = 'version: 1\n';

type Brief = Pick<SchemaIssue, 'path' | 'onKey' | 'message'>;
const brief = (issues: SchemaIssue[]): Brief[] => issues.map(({ path, onKey, message }) => ({ path, onKey, message }));
const check = (yaml: string): Brief[] => brief(validateSchema(parse(yaml)));

test('the design page example has no schema issues', () => {
  assert.deepEqual(validateSchema(parse(DESIGN_EXAMPLE)), []);
});

test('a file with only a version is valid', () => {
  assert.deepEqual(validateSchema(parse(MINIMAL)), []);
});

test('ip_range may be a map host -> CIDR', () => {
  const doc = 'version: 1\nnetworks:\n  v:\n    ip_range: { lab1: 192.168.10.128/26, lab2: 192.168.10.192/26 }\n';
  assert.deepEqual(validateSchema(parse(doc)), []);
});

test('labels and env allow any keys; env values may be strings, numbers or booleans', () => {
  const doc = [
    'version: 1',
    'networks:',
    '  v:',
    '    labels: { com.example.team: infra, "odd key!": x, io.macvlan-spec.managed: "true" }',
    'containers:',
    '  web:',
    '    image: nginx',
    '    env: { TZ: UTC, WORKERS: 4, DEBUG: false, lower_case: "x" }',
    '    labels: { anything.goes: yes }',
    '',
  ].join('\n');
  assert.deepEqual(validateSchema(parse(doc)), []);
});

test('a null network attachment means "attached, dynamic address"', () => {
  const doc = 'version: 1\ncontainers:\n  web:\n    image: nginx\n    networks:\n      vlan10:\n      vlan20: {}\n';
  assert.deepEqual(validateSchema(parse(doc)), []);
});

test('restart accepts the four policies and on-failure:N', () => {
  for (const r of ['no', 'always', 'unless-stopped', 'on-failure', 'on-failure:3', 'on-failure:10']) {
    assert.deepEqual(validateSchema(parse(`version: 1\ncontainers:\n  web:\n    image: nginx\n    restart: ${r}\n`)), [], r);
  }
});

test('command may be a string or a list of strings; version may be any integer', () => {
  assert.deepEqual(validateSchema(parse('version: 2\ncontainers:\n  web:\n    image: x\n    command: nginx -g "daemon off;"\n')), []);
  assert.deepEqual(validateSchema(parse('version: 1\ncontainers:\n  web:\n    image: x\n    command: [nginx, -g, "daemon off;"]\n')), []);
});

test('vlan accepts the edges 1 and 4094', () => {
  for (const v of [1, 4094]) assert.deepEqual(validateSchema(parse(`version: 1\nnetworks:\n  n:\n    vlan: ${v}\n`)), []);
});

interface Case {
  name: string;
  yaml: string;
  expect: Brief[];
}

const net = (body: string): string => `version: 1\nnetworks:\n  vlan10:\n${body}`;
const web = (body: string): string => `version: 1\ncontainers:\n  web:\n    image: nginx\n${body}`;
const lab1 = (body: string): string => `version: 1\nhosts:\n  lab1:\n${body}`;

const cases: Case[] = [
  {
    name: 'unknown top-level key, with suggestion (transposition)',
    yaml: 'version: 1\nnetwroks: {}\n',
    expect: [{ path: ['netwroks'], onKey: true, message: 'unknown key "netwroks" at the top level — did you mean "networks"?' }],
  },
  {
    name: 'unknown top-level key without a close match lists the allowed keys',
    yaml: 'version: 1\nvolumes: {}\n',
    expect: [{ path: ['volumes'], onKey: true, message: 'unknown key "volumes" at the top level; allowed keys: version, name, hosts, networks, containers' }],
  },
  {
    name: 'missing version',
    yaml: 'networks: {}\n',
    expect: [{ path: [], onKey: false, message: 'missing required key "version" at the top level' }],
  },
  {
    name: 'version as a string',
    yaml: 'version: "1"\n',
    expect: [{ path: ['version'], onKey: false, message: '"version": expected an integer, got a string ("1")' }],
  },
  {
    name: 'unknown key in a host',
    yaml: lab1('    docker: ssh://ops@lab1.example\n    dokcer_host: x\n'),
    expect: [{ path: ['hosts', 'lab1', 'dokcer_host'], onKey: true, message: 'unknown key "dokcer_host" in host "lab1"; allowed keys: docker, context, engine, tls, interfaces' }],
  },
  {
    name: 'unknown key in tls',
    yaml: lab1('    tls: { ca: a, cert: b, keyy: c }\n'),
    expect: [{ path: ['hosts', 'lab1', 'tls', 'keyy'], onKey: true, message: 'unknown key "keyy" in "tls" of host "lab1" — did you mean "key"?' }],
  },
  {
    name: 'unquoted engine version is a number',
    yaml: lab1('    engine: 27.3\n'),
    expect: [{ path: ['hosts', 'lab1', 'engine'], onKey: false, message: '"engine" in host "lab1": expected a string, got a number (27.3) — put the value in quotes' }],
  },
  {
    name: 'interfaces as a single string',
    yaml: lab1('    interfaces: eth0\n'),
    expect: [{ path: ['hosts', 'lab1', 'interfaces'], onKey: false, message: '"interfaces" in host "lab1": expected a list or a mapping, got a string ("eth0") — write it as a list: [eth0]' }],
  },
  {
    name: 'wrong type of a list item',
    yaml: lab1('    interfaces: [eth0, 5]\n'),
    expect: [{ path: ['hosts', 'lab1', 'interfaces', 1], onKey: false, message: '"interfaces[1]" in host "lab1": expected a string, got a number (5) — put the value in quotes' }],
  },
  {
    name: 'unknown key in a network, with suggestion',
    yaml: net('    subnett: 192.168.10.0/24\n'),
    expect: [{ path: ['networks', 'vlan10', 'subnett'], onKey: true, message: 'unknown key "subnett" in network "vlan10" — did you mean "subnet"?' }],
  },
  {
    name: 'key in the wrong case is unknown, with suggestion',
    yaml: net('    Parent: eth0\n'),
    expect: [{ path: ['networks', 'vlan10', 'Parent'], onKey: true, message: 'unknown key "Parent" in network "vlan10" — did you mean "parent"?' }],
  },
  {
    name: 'unknown key in ipv6',
    yaml: net('    ipv6: { subnet: "2001:db8:10::/64", gw: "2001:db8:10::1" }\n'),
    expect: [{ path: ['networks', 'vlan10', 'ipv6', 'gw'], onKey: true, message: 'unknown key "gw" in "ipv6" of network "vlan10"; allowed keys: subnet, gateway, ip_range' }],
  },
  {
    name: 'vlan 0',
    yaml: net('    vlan: 0\n'),
    expect: [{ path: ['networks', 'vlan10', 'vlan'], onKey: false, message: '"vlan" in network "vlan10" must be an integer from 1 to 4094 (got 0)' }],
  },
  {
    name: 'vlan 4095',
    yaml: net('    vlan: 4095\n'),
    expect: [{ path: ['networks', 'vlan10', 'vlan'], onKey: false, message: '"vlan" in network "vlan10" must be an integer from 1 to 4094 (got 4095)' }],
  },
  {
    name: 'vlan 5000',
    yaml: net('    vlan: 5000\n'),
    expect: [{ path: ['networks', 'vlan10', 'vlan'], onKey: false, message: '"vlan" in network "vlan10" must be an integer from 1 to 4094 (got 5000)' }],
  },
  {
    name: 'vlan as a quoted string',
    yaml: net('    vlan: "10"\n'),
    expect: [{ path: ['networks', 'vlan10', 'vlan'], onKey: false, message: '"vlan" in network "vlan10": expected an integer from 1 to 4094, got a string ("10")' }],
  },
  {
    name: 'vlan not a whole number',
    yaml: net('    vlan: 10.5\n'),
    expect: [{ path: ['networks', 'vlan10', 'vlan'], onKey: false, message: '"vlan" in network "vlan10": expected an integer from 1 to 4094, got a number (10.5)' }],
  },
  {
    name: 'mode typo, with suggestion',
    yaml: net('    mode: brige\n'),
    expect: [{ path: ['networks', 'vlan10', 'mode'], onKey: false, message: '"mode" in network "vlan10" must be one of bridge, private, vepa, passthru, l2, l3, l3s (got "brige") — did you mean "bridge"?' }],
  },
  {
    name: 'driver not allowed, nothing close',
    yaml: net('    driver: overlay\n'),
    expect: [{ path: ['networks', 'vlan10', 'driver'], onKey: false, message: '"driver" in network "vlan10" must be one of macvlan, ipvlan (got "overlay")' }],
  },
  {
    name: 'ipvlan_flag not allowed',
    yaml: net('    ipvlan_flag: l3\n'),
    expect: [{ path: ['networks', 'vlan10', 'ipvlan_flag'], onKey: false, message: '"ipvlan_flag" in network "vlan10" must be one of bridge, private, vepa (got "l3")' }],
  },
  {
    name: 'ip_range neither string nor map: one issue, not one per alternative',
    yaml: net('    ip_range: [192.168.10.128/25]\n'),
    expect: [{ path: ['networks', 'vlan10', 'ip_range'], onKey: false, message: '"ip_range" in network "vlan10": expected a string or a mapping, got a list' }],
  },
  {
    name: 'ip_range map with a non-string value',
    yaml: net('    ip_range: { lab1: 5 }\n'),
    expect: [{ path: ['networks', 'vlan10', 'ip_range', 'lab1'], onKey: false, message: '"ip_range.lab1" in network "vlan10": expected a string, got a number (5) — put the value in quotes' }],
  },
  {
    name: 'internal as a string',
    yaml: net('    internal: "yes"\n'),
    expect: [{ path: ['networks', 'vlan10', 'internal'], onKey: false, message: '"internal" in network "vlan10": expected a boolean, got a string ("yes")' }],
  },
  {
    name: 'label value must be a string',
    yaml: net('    labels: { tier: 1 }\n'),
    expect: [{ path: ['networks', 'vlan10', 'labels', 'tier'], onKey: false, message: '"labels.tier" in network "vlan10": expected a string, got a number (1) — put the value in quotes' }],
  },
  {
    name: 'empty network entry',
    yaml: 'version: 1\nnetworks:\n  vlan10:\n',
    expect: [{ path: ['networks', 'vlan10'], onKey: false, message: 'network "vlan10": expected a mapping, got an empty value' }],
  },
  {
    name: 'network name that Docker would reject',
    yaml: 'version: 1\nnetworks:\n  -lan: {}\n',
    expect: [{ path: ['networks', '-lan'], onKey: true, message: 'invalid network name "-lan": a network name must start with a letter or digit and contain only letters, digits, "_", "." and "-"' }],
  },
  {
    name: 'missing image',
    yaml: 'version: 1\ncontainers:\n  web:\n    restart: always\n',
    expect: [{ path: ['containers', 'web'], onKey: false, message: 'missing required key "image" in container "web"' }],
  },
  {
    name: 'unknown key in a container',
    yaml: web('    ports: ["80:80"]\n'),
    expect: [{ path: ['containers', 'web', 'ports'], onKey: true, message: 'unknown key "ports" in container "web"; allowed keys: image, host, networks, command, env, restart, labels' }],
  },
  {
    name: 'unknown key in a container network attachment, prefix suggestion',
    yaml: web('    networks:\n      vlan10: { ipv4: 192.168.10.10 }\n'),
    expect: [{ path: ['containers', 'web', 'networks', 'vlan10', 'ipv4'], onKey: true, message: 'unknown key "ipv4" in network "vlan10" of container "web" — did you mean "ipv4_address"?' }],
  },
  {
    name: 'attachment that is neither a mapping nor empty',
    yaml: web('    networks:\n      vlan10: 192.168.10.10\n'),
    expect: [{ path: ['containers', 'web', 'networks', 'vlan10'], onKey: false, message: 'network "vlan10" of container "web": expected a mapping or an empty value, got a string ("192.168.10.10")' }],
  },
  {
    name: 'address in an attachment must be a string',
    yaml: web('    networks:\n      vlan10: { ipv4_address: 5 }\n'),
    expect: [{ path: ['containers', 'web', 'networks', 'vlan10', 'ipv4_address'], onKey: false, message: '"ipv4_address" in network "vlan10" of container "web": expected a string, got a number (5) — put the value in quotes' }],
  },
  {
    name: 'container networks as a compose-style list',
    yaml: web('    networks: [vlan10]\n'),
    expect: [{ path: ['containers', 'web', 'networks'], onKey: false, message: '"networks" in container "web": expected a mapping, got a list' }],
  },
  {
    name: 'restart typo, with suggestion',
    yaml: web('    restart: unles-stopped\n'),
    expect: [{ path: ['containers', 'web', 'restart'], onKey: false, message: '"restart" in container "web" must be one of no, always, unless-stopped, on-failure, on-failure:N (got "unles-stopped") — did you mean "unless-stopped"?' }],
  },
  {
    name: 'restart with a bad retry count',
    yaml: web('    restart: on-failure:x\n'),
    expect: [{ path: ['containers', 'web', 'restart'], onKey: false, message: '"restart" in container "web" must be one of no, always, unless-stopped, on-failure, on-failure:N (got "on-failure:x") — did you mean "on-failure"?' }],
  },
  {
    name: 'restart as a boolean (YAML 1.1 habit)',
    yaml: web('    restart: false\n'),
    expect: [{ path: ['containers', 'web', 'restart'], onKey: false, message: '"restart" in container "web": expected a string, got a boolean (false) — put the value in quotes' }],
  },
  {
    name: 'command of the wrong type, one issue',
    yaml: web('    command: 5\n'),
    expect: [{ path: ['containers', 'web', 'command'], onKey: false, message: '"command" in container "web": expected a list or a string, got a number (5) — put the value in quotes' }],
  },
  {
    name: 'command list item of the wrong type',
    yaml: web('    command: [sleep, 10]\n'),
    expect: [{ path: ['containers', 'web', 'command', 1], onKey: false, message: '"command[1]" in container "web": expected a string, got a number (10) — put the value in quotes' }],
  },
  {
    name: 'env value that is a list',
    yaml: web('    env: { PATHS: [a, b] }\n'),
    expect: [{ path: ['containers', 'web', 'env', 'PATHS'], onKey: false, message: '"env.PATHS" in container "web": expected a string, a number or a boolean, got a list' }],
  },
  {
    name: 'one-character container name (Docker needs two)',
    yaml: 'version: 1\ncontainers:\n  a: { image: nginx }\n',
    expect: [{ path: ['containers', 'a'], onKey: true, message: 'invalid container name "a": a container name must be at least two characters long and start with a letter or digit and contain only letters, digits, "_", "." and "-"' }],
  },
  {
    name: 'top level not a mapping',
    yaml: '- version: 1\n',
    expect: [{ path: [], onKey: false, message: 'the document: expected a mapping, got a list' }],
  },
];

for (const c of cases) {
  test(`invalid: ${c.name}`, () => {
    assert.deepEqual(check(c.yaml), c.expect);
  });
}

test('several issues come back in document order, each once', () => {
  const doc = [
    'version: 1',
    'networks:',
    '  b:',
    '    vlan: 0',
    '    mode: x',
    '  a:',
    '    subnett: 192.168.10.0/24',
    'containers:',
    '  web:',
    '    restart: sometimes',
    'netwroks: {}',
    '',
  ].join('\n');
  assert.deepEqual(check(doc).map((i) => i.path), [
    ['networks', 'b', 'vlan'],
    ['networks', 'b', 'mode'],
    ['networks', 'a', 'subnett'],
    ['containers', 'web'],
    ['containers', 'web', 'restart'],
    ['netwroks'],
  ]);
  assert.deepEqual(check(doc), check(doc));
});

test('a bad name and a bad value at the same place: the key issue comes first', () => {
  assert.deepEqual(check('version: 1\ncontainers:\n  x:\n'), [
    { path: ['containers', 'x'], onKey: true, message: 'invalid container name "x": a container name must be at least two characters long and start with a letter or digit and contain only letters, digits, "_", "." and "-"' },
    { path: ['containers', 'x'], onKey: false, message: 'container "x": expected a mapping, got an empty value' },
  ]);
});

test('issues carry keyword and structured params for quick fixes', () => {
  const [unknown] = validateSchema(parse(net('    subnett: 192.168.10.0/24\n')));
  assert.equal(unknown.keyword, 'additionalProperties');
  assert.equal(unknown.params.additionalProperty, 'subnett');
  assert.equal(unknown.params.suggestion, 'subnet');
  assert.ok(Array.isArray(unknown.params.allowed));

  const [mode] = validateSchema(parse(net('    mode: brige\n')));
  assert.equal(mode.keyword, 'enum');
  assert.equal(mode.params.suggestion, 'bridge');
  assert.deepEqual(mode.params.allowedValues, ['bridge', 'private', 'vepa', 'passthru', 'l2', 'l3', 'l3s']);

  const [missing] = validateSchema(parse('version: 1\ncontainers:\n  web: {}\n'));
  assert.equal(missing.keyword, 'required');
  assert.deepEqual(missing.params, { missingProperty: 'image' });

  const [restart] = validateSchema(parse(web('    restart: alwyas\n')));
  assert.equal(restart.keyword, 'enum');
  assert.equal(restart.params.suggestion, 'always');
});

test('keys that look like Object.prototype members are plain unknown keys', () => {
  assert.deepEqual(check(net('    constructor: 1\n    toString: 2\n')), [
    { path: ['networks', 'vlan10', 'constructor'], onKey: true, message: 'unknown key "constructor" in network "vlan10"; allowed keys: driver, parent, vlan, mode, ipvlan_flag, subnet, gateway, ip_range, aux_addresses, exclude, ipv6, internal, hosts, scope, labels, host_shim' },
    { path: ['networks', 'vlan10', 'toString'], onKey: true, message: 'unknown key "toString" in network "vlan10"; allowed keys: driver, parent, vlan, mode, ipvlan_flag, subnet, gateway, ip_range, aux_addresses, exclude, ipv6, internal, hosts, scope, labels, host_shim' },
  ]);
});

test('names with "/" and "~" map back from JSON pointers', () => {
  assert.deepEqual(check(net('    labels: { "a/b~c": 1 }\n')).map((i) => i.path), [['networks', 'vlan10', 'labels', 'a/b~c']]);
});
