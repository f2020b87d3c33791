// MV112, MV113, MV412, MV413: the host's own addresses (`interfaces:` map) and host_shim.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (net: string, extra = '', iface = 'eth0: 192.168.10.5/24') => `
  version: 1
  hosts:
    lab1:
      interfaces: { ${iface}, bond0: null }
  networks:
    lan: { parent: eth0, subnet: 192.168.10.0/24, ${net} }
  ${extra}
`;

describe('interfaces: as a map', () => {
  it('names the interfaces for MV304 as the list form does, and parses each address (a bad one is MV101)', () => {
    const c = check(spec('gateway: 192.168.10.1', '', 'eth0: 192.168.10.300/24'));
    assert.deepEqual(c.codes(), ['MV101']);
    assert.match(c.of('MV101')[0].message, /192\.168\.10\.300\/24/);
    assert.deepEqual(check(spec('gateway: 192.168.10.1').replace('parent: eth0', 'parent: eth9')).codes(), ['MV304']);
    assert.deepEqual(check(spec('gateway: 192.168.10.1')).codes(), ['MV413']); // .5 sits in the default pool
  });
});

describe('MV112 gateway is the host itself', () => {
  it('fires at the gateway, related to the host address', () => {
    const c = check(spec('gateway: 192.168.10.5, aux_addresses: { host: 192.168.10.5 }'));
    const [f, ...more] = c.of('MV112');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '192.168.10.5');
    assert.deepEqual(f.path, ['networks', 'lan', 'gateway']);
    assert.equal(f.message, "gateway 192.168.10.5 of network lan is host lab1's own address on eth0 (line 4): a macvlan container never reaches its parent's own address, so this gateway can never answer — set gateway: to the LAN's router");
    assert.equal(c.textAt(f.related[0]), '192.168.10.5/24');
  });
  it('near misses: another gateway, another segment (a VLAN of the parent), ipvlan l3', () => {
    assert.deepEqual(check(spec('gateway: 192.168.10.1, aux_addresses: { host: 192.168.10.5 }')).of('MV112'), []);
    assert.deepEqual(check(spec('vlan: 20, gateway: 192.168.10.5')).of('MV112'), []);
    assert.deepEqual(check(spec('driver: ipvlan, mode: l3, gateway: 192.168.10.5')).of('MV112'), []);
  });
});

describe('MV113 ipvlan l3 subnet on the host\'s own LAN', () => {
  it('fires when the l3 subnet overlaps the on-link subnet of the parent', () => {
    const c = check(spec('driver: ipvlan, mode: l3').replace('subnet: 192.168.10.0/24', 'subnet: 192.168.10.128/25'));
    const [f] = c.of('MV113');
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), '192.168.10.128/25');
    assert.match(f.message, /^subnet 192\.168\.10\.128\/25 of ipvlan l3 network lan overlaps 192\.168\.10\.0\/24, the subnet host lab1 sits on through eth0 \(line 4\): l3 subnets are routed to the host/);
  });
  it('near misses: a subnet of its own, l2 mode', () => {
    assert.deepEqual(check(spec('driver: ipvlan, mode: l3').replace('subnet: 192.168.10.0/24', 'subnet: 10.20.0.0/24')).of('MV113'), []);
    assert.deepEqual(check(spec('driver: ipvlan, mode: l2, gateway: 192.168.10.1')).of('MV113'), []);
  });
});

describe('MV412 address is the host\'s own', () => {
  it('fires for a container address and a shim; an aux address that reserves the host address does not', () => {
    const c = check(
      spec(
        'gateway: 192.168.10.1, ip_range: 192.168.10.128/25, aux_addresses: { nas: 192.168.10.5 }, host_shim: 192.168.10.5',
        'containers:\n    web: { image: nginx, networks: { lan: { ipv4_address: 192.168.10.5 } } }',
      ),
    );
    const found = c.of('MV412').map((f) => f.path.join('.'));
    assert.deepEqual(found.sort(), ['containers.web.networks.lan.ipv4_address', 'networks.lan.host_shim']);
    assert.match(c.of('MV412').find((f) => f.path.includes('ipv4_address'))!.message, /^ipv4_address 192\.168\.10\.5 of container web is host lab1's own address on eth0 \(line 4\): two interfaces would answer for it on the LAN/);
  });
  it('near miss: another address', () => {
    assert.deepEqual(check(spec('gateway: 192.168.10.1, ip_range: 192.168.10.128/25', 'containers:\n    web: { image: nginx, networks: { lan: { ipv4_address: 192.168.10.6 } } }')).of('MV412'), []);
  });
});

describe('MV413 host or shim address in the dynamic pool', () => {
  it('fires for the host address and a per-host shim inside the pool, unreserved', () => {
    const c = check(spec('gateway: 192.168.10.1, host_shim: { lab1: 192.168.10.200 }'));
    const msgs = c.of('MV413').map((f) => f.message);
    assert.equal(msgs.length, 2);
    assert.match(msgs[0], /^host lab1's own address on eth0 lies in the dynamic pool 192\.168\.10\.0\/24 that Docker on host lab1 hands out for network lan, and nothing reserves it/);
    assert.match(msgs[1], /^host_shim 192\.168\.10\.200 of network lan lies in the dynamic pool/);
  });
  it('near misses: reserved by aux or exclude, or outside the ip_range', () => {
    assert.deepEqual(check(spec('gateway: 192.168.10.1, aux_addresses: { host: 192.168.10.5 }, exclude: [192.168.10.200]', '', 'eth0: 192.168.10.5/24').replace('gateway: 192.168.10.1,', 'gateway: 192.168.10.1, host_shim: 192.168.10.200,')).of('MV413'), []);
    assert.deepEqual(check(spec('gateway: 192.168.10.1, ip_range: 192.168.10.128/25, host_shim: 192.168.10.6')).of('MV413'), []);
  });
});

describe('the host and its shim in completion and hover', () => {
  it('the next free address skips the host\'s own address and the shim; hover names both', async () => {
    const { complete, hover } = await import('../../../core/service/index.js');
    const { SpecDocument } = await import('../../../core/service/document.js');
    const text = [
      'version: 1',
      'hosts:',
      '  lab1:',
      '    interfaces: { eth0: 192.168.10.2/24 }',
      'networks:',
      '  lan: { parent: eth0, subnet: 192.168.10.0/24, gateway: 192.168.10.1, ip_range: 192.168.10.128/25, host_shim: 192.168.10.3, aux_addresses: { me: 192.168.10.2, shim: 192.168.10.3 } }',
      'containers:',
      '  web:',
      '    image: nginx',
      '    networks:',
      '      lan:',
      '        ipv4_address: ',
      '',
    ].join('\n');
    const doc = new SpecDocument(text);
    const items = complete(doc, text.indexOf('ipv4_address: ') + 'ipv4_address: '.length);
    assert.ok(items.some((i) => i.label === '192.168.10.4'), items.map((i) => i.label).join(', '));
    assert.ok(!items.some((i) => i.label === '192.168.10.2' || i.label === '192.168.10.3'));
    // Hover on the aux addresses that reserve them: the roles name the host and the shim.
    assert.match(hover(doc, text.indexOf('me: 192.168.10.2') + 6)!.markdown, /the own address of host `lab1` on `eth0`/);
    assert.match(hover(doc, text.indexOf(', shim: 192.168.10.3') + 10)!.markdown, /the host_shim of `lan`: the host's own link to its containers/);
  });
});
