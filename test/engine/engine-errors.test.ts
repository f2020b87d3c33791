// Reference behaviour of the real engine (Debian docker.io 20.10.24, API 1.41, on this kernel:
// macvlan yes; ipvlan, 802.1Q and dummy links no) for the error cases our rules model.
// These are the exact texts a differential test compares against; if a newer engine changes
// one, this file is where it shows.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, EngineResponse, engineRequest, pidAlive, startEngine } from './engine';

type Ipam = { Subnet?: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses?: Record<string, string> };

describe('engine reference errors (docker.io 20.10 / API 1.41)', () => {
  let engine: Engine;
  const req = <T = unknown>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);

  const createNet = (
    name: string,
    parent: string | undefined,
    config: Ipam[],
    extra: { driver?: string; opts?: Record<string, string>; checkDuplicate?: boolean; enableIPv6?: boolean } = {},
  ) =>
    req<{ Id: string; Warning: string; message: string }>('POST', '/networks/create', {
      Name: name,
      Driver: extra.driver ?? 'macvlan',
      CheckDuplicate: extra.checkDuplicate ?? true,
      EnableIPv6: extra.enableIPv6 ?? false,
      Options: { ...(parent === undefined ? {} : { parent }), ...extra.opts },
      IPAM: { Driver: 'default', Config: config },
    });

  const createCtr = (name: string, network: string, ipv4?: string) =>
    req<{ Id: string; message: string }>('POST', `/containers/create?name=${name}`, {
      Image: engine.image,
      Cmd: ['sleep', '3600'],
      StopTimeout: 1,
      HostConfig: { NetworkMode: network },
      NetworkingConfig: { EndpointsConfig: { [network]: ipv4 ? { IPAMConfig: { IPv4Address: ipv4 } } : {} } },
    });

  const startCtr = (name: string) => req<{ message: string }>('POST', `/containers/${name}/start`);

  const ipOf = async (name: string, network: string) => {
    const r = await req<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Gateway: string }> } }>('GET', `/containers/${name}/json`);
    return r.json?.NetworkSettings.Networks[network];
  };

  const storedConfig = async (name: string) => (await req<{ IPAM: { Config: Ipam[] } }>('GET', `/networks/${name}`)).json?.IPAM.Config;

  const expectError = (r: EngineResponse<{ message?: string }>, status: number, message: string | RegExp) => {
    assert.equal(r.status, status, r.text);
    if (typeof message === 'string') assert.equal(r.json?.message, message);
    else assert.match(r.json?.message ?? '', message);
  };

  const removeAll = async () => {
    for (const c of (await req<Array<{ Id: string }>>('GET', '/containers/json?all=1')).json ?? []) await req('DELETE', `/containers/${c.Id}?force=1`);
    for (const n of (await req<Array<{ Id: string; Name: string }>>('GET', '/networks')).json ?? []) {
      if (n.Name !== 'host' && n.Name !== 'none') await req('DELETE', `/networks/${n.Id}`);
    }
  };

  before(async () => {
    engine = await startEngine();
  });
  afterEach(removeAll);
  after(async () => {
    await engine?.stop();
  });

  describe('network names', () => {
    it('rejects a duplicate name only with CheckDuplicate: true', async () => {
      assert.equal((await createNet('dup', 'eth0', [{ Subnet: '192.0.2.0/24' }])).status, 201);
      expectError(await createNet('dup', 'eth1', [{ Subnet: '198.51.100.0/24' }]), 409, 'network with name dup already exists');

      const second = await createNet('dup', 'eth1', [{ Subnet: '198.51.100.0/24' }], { checkDuplicate: false });
      assert.equal(second.status, 201, second.text);
      assert.match(second.json?.Warning ?? '', /^Network with name dup \(id : [0-9a-f]{64}\) already exists$/);
      expectError(await req('DELETE', '/networks/dup'), 400, 'network dup is ambiguous (2 matches found based on name)');
    });
  });

  describe('subnet pools', () => {
    it('rejects overlapping subnets (equal, inside, around, IPv6) with "Pool overlaps"', async () => {
      assert.equal((await createNet('a', 'eth0', [{ Subnet: '192.0.2.0/24' }])).status, 201);
      const overlaps = 'Pool overlaps with other one on this address space';
      expectError(await createNet('b1', 'eth1', [{ Subnet: '192.0.2.0/24' }]), 403, overlaps);
      expectError(await createNet('b2', 'eth1', [{ Subnet: '192.0.2.0/25' }]), 403, overlaps);
      expectError(await createNet('b3', 'eth1', [{ Subnet: '192.0.0.0/16' }]), 403, overlaps);
      assert.equal((await createNet('v6', 'eth2', [{ Subnet: '2001:db8:1::/64' }], { enableIPv6: true })).status, 201);
      expectError(await createNet('v6b', 'bond0', [{ Subnet: '2001:db8:1::/48' }], { enableIPv6: true }), 403, overlaps);
    });

    it('does NOT detect the overlap when the new network has an IPRange', async () => {
      // libnetwork treats (subnet, ip-range) as a sub-pool: an existing equal subnet is just
      // ref-counted, and a sub-pool of an unseen smaller subnet skips the master-pool overlap check.
      assert.equal((await createNet('a', 'eth0', [{ Subnet: '192.0.2.0/24' }])).status, 201);
      assert.equal((await createNet('same', 'eth1', [{ Subnet: '192.0.2.0/24', IPRange: '192.0.2.128/25' }])).status, 201);
      assert.equal((await createNet('inside', 'eth2', [{ Subnet: '192.0.2.0/25', IPRange: '192.0.2.0/26' }])).status, 201);
    });

    it('accepts a subnet with host bits and stores it verbatim', async () => {
      assert.equal((await createNet('hb', 'eth0', [{ Subnet: '192.0.2.77/24' }])).status, 201);
      assert.deepEqual(await storedConfig('hb'), [{ Subnet: '192.0.2.77/24' }]);
      // addresses still come from 192.0.2.0/24: gateway .1, first container .2
      assert.equal((await createCtr('hb1', 'hb')).status, 201);
      assert.equal((await startCtr('hb1')).status, 204);
      assert.deepEqual({ ...(await ipOf('hb1', 'hb')) }.IPAddress, '192.0.2.2');
      assert.equal((await ipOf('hb1', 'hb'))?.Gateway, '192.0.2.1');
    });

    it('accepts an IPRange outside (or larger than) the subnet and then ignores it', async () => {
      assert.equal((await createNet('out', 'eth0', [{ Subnet: '192.0.2.0/24', IPRange: '203.0.113.0/25' }])).status, 201);
      assert.deepEqual(await storedConfig('out'), [{ Subnet: '192.0.2.0/24', IPRange: '203.0.113.0/25' }]);
      assert.equal((await createCtr('o1', 'out')).status, 201);
      assert.equal((await startCtr('o1')).status, 204);
      assert.equal((await ipOf('o1', 'out'))?.IPAddress, '192.0.2.2'); // not from 203.0.113.0/25
      assert.equal((await createNet('big', 'eth1', [{ Subnet: '198.51.100.0/25', IPRange: '198.51.100.0/24' }])).status, 201);
      assert.equal((await createNet('hbr', 'eth2', [{ Subnet: '203.0.113.0/24', IPRange: '203.0.113.5/26' }])).status, 201);
    });

    it('rejects malformed subnet / gateway / ip-range strings', async () => {
      expectError(await createNet('x1', 'eth0', [{ Subnet: '198.51.100.0/33' }]), 500, 'Invalid subnet 198.51.100.0/33 : invalid CIDR address: 198.51.100.0/33');
      expectError(
        await createNet('x2', 'eth0', [{ Subnet: '198.51.100.0/24', Gateway: '198.51.100.300' }]),
        500,
        'invalid gateway address 198.51.100.300 in Ipam configuration',
      );
      expectError(
        await createNet('x3', 'eth0', [{ Subnet: '198.51.100.0/24', IPRange: 'bogus' }]),
        500,
        'failed to parse pool request for address space "LocalDefault" pool "198.51.100.0/24" subpool "bogus": Invalid Address SubPool',
      );
      // none of these leaked the pool
      assert.equal((await createNet('ok', 'eth0', [{ Subnet: '198.51.100.0/24' }])).status, 201);
    });
  });

  describe('gateway', () => {
    it('rejects a gateway outside the subnet or on the network/broadcast address', async () => {
      expectError(
        await createNet('g1', 'eth0', [{ Subnet: '198.51.100.0/24', Gateway: '203.0.113.1' }]),
        500,
        'failed to allocate gateway (203.0.113.1): Requested address is out of range',
      );
      expectError(
        await createNet('g2', 'eth0', [{ Subnet: '198.51.100.0/24', Gateway: '198.51.100.0' }]),
        500,
        'failed to allocate gateway (198.51.100.0): Address already in use',
      );
      expectError(
        await createNet('g3', 'eth0', [{ Subnet: '198.51.100.0/24', Gateway: '198.51.100.255' }]),
        500,
        'failed to allocate gateway (198.51.100.255): Address already in use',
      );
      // a gateway outside the ip-range but inside the subnet is fine
      assert.equal((await createNet('g4', 'eth0', [{ Subnet: '198.51.100.0/24', IPRange: '198.51.100.128/25', Gateway: '198.51.100.1' }])).status, 201);
    });
  });

  describe('auxiliary addresses', () => {
    it('rejects aux = gateway / duplicate aux / aux = network address without leaking the pool', async () => {
      expectError(
        await createNet('x1', 'eth0', [{ Subnet: '203.0.113.0/24', Gateway: '203.0.113.1', AuxiliaryAddresses: { router: '203.0.113.1' } }]),
        500,
        'failed to allocate secondary ip address (router:203.0.113.1): Address already in use',
      );
      expectError(
        await createNet('x2', 'eth0', [{ Subnet: '203.0.113.0/24', AuxiliaryAddresses: { a: '203.0.113.5', b: '203.0.113.5' } }]),
        500,
        /^failed to allocate secondary ip address \((a|b):203\.0\.113\.5\): Address already in use$/, // map order
      );
      expectError(
        await createNet('x3', 'eth0', [{ Subnet: '203.0.113.0/24', AuxiliaryAddresses: { a: '203.0.113.0' } }]),
        500,
        'failed to allocate secondary ip address (a:203.0.113.0): Address already in use',
      );
      assert.equal((await createNet('ok', 'eth0', [{ Subnet: '203.0.113.0/24' }])).status, 201);
      // an aux address outside the ip-range but inside the subnet is fine
      assert.equal((await createNet('ok2', 'eth1', [{ Subnet: '198.51.100.0/24', IPRange: '198.51.100.128/25', AuxiliaryAddresses: { a: '198.51.100.5' } }])).status, 201);
    });

    it('leaks the pool after an aux address outside the subnet / unparsable aux, until dockerd restarts', async () => {
      expectError(
        await createNet('x1', 'eth0', [{ Subnet: '198.51.100.0/24', AuxiliaryAddresses: { router: '203.0.113.7' } }]),
        403,
        'auxiliary address: (router:203.0.113.7) must belong to the master pool: 198.51.100.0/24',
      );
      expectError(
        await createNet('x2', 'eth0', [{ Subnet: '192.0.2.0/24', AuxiliaryAddresses: { a: '192.0.2.999' } }]),
        500,
        'non parsable secondary ip address (a:192.0.2.999) passed for network x2',
      );
      const overlaps = 'Pool overlaps with other one on this address space';
      expectError(await createNet('r1', 'eth1', [{ Subnet: '198.51.100.0/24' }]), 403, overlaps);
      expectError(await createNet('r2', 'eth2', [{ Subnet: '192.0.2.0/24' }]), 403, overlaps);
      const names = (await req<Array<{ Name: string }>>('GET', '/networks')).json?.map((n) => n.Name).sort();
      assert.deepEqual(names, ['host', 'none']); // nothing holds those subnets but the leak

      await engine.restart();
      assert.equal((await createNet('r1', 'eth1', [{ Subnet: '198.51.100.0/24' }])).status, 201);
      assert.equal((await createNet('r2', 'eth2', [{ Subnet: '192.0.2.0/24' }])).status, 201);
    });
  });

  describe('parents and driver options', () => {
    it('allows one macvlan (and one ipvlan) network per parent', async () => {
      const first = await createNet('m1', 'eth0', [{ Subnet: '192.0.2.0/24' }]);
      assert.equal(first.status, 201);
      expectError(
        await createNet('m2', 'eth0', [{ Subnet: '198.51.100.0/24' }]),
        500,
        `network dm-${first.json?.Id.slice(0, 12)} is already using parent interface eth0`,
      );
      // the check is per driver: an ipvlan network on the same parent is accepted
      const iv = await createNet('i1', 'eth0', [{ Subnet: '198.51.100.0/24' }], { driver: 'ipvlan' });
      assert.equal(iv.status, 201);
      expectError(
        await createNet('i2', 'eth0', [{ Subnet: '203.0.113.0/24' }], { driver: 'ipvlan' }),
        500,
        `network di-${iv.json?.Id.slice(0, 12)} is already using parent interface eth0`,
      );
      // and the rejected m2 did not leak 198.51.100.0/24 beyond i1's use of it... i1 holds it now
      expectError(await createNet('m3', 'eth1', [{ Subnet: '198.51.100.0/24' }]), 403, 'Pool overlaps with other one on this address space');
    });

    it('reports missing parents, VLAN sub-interfaces and parent-less networks', async () => {
      for (const driver of ['macvlan', 'ipvlan']) {
        expectError(
          await createNet(`p1-${driver}`, 'ens9', [{ Subnet: '198.51.100.0/24' }], { driver }),
          500,
          'invalid subinterface vlan name ens9, example formatting is eth0.10',
        );
        // kernel without CONFIG_VLAN_8021Q; on a normal kernel this creates eth0.10
        expectError(
          await createNet(`p2-${driver}`, 'eth0.10', [{ Subnet: '198.51.100.0/24' }], { driver }),
          500,
          'failed to create eth0.10 vlan link: operation not supported',
        );
      }
      // (sic) "does was not found"
      expectError(await createNet('p3', 'ens9.10', [{ Subnet: '198.51.100.0/24' }]), 500, '-o parent interface does was not found on the host: ens9');
      // no parent: the driver creates a dummy link dm-<id>; this kernel has no CONFIG_DUMMY
      expectError(await createNet('p4', undefined, [{ Subnet: '198.51.100.0/24' }]), 500, 'operation not supported');
      // none of the failures leaked the pool
      assert.equal((await createNet('ok', 'eth1', [{ Subnet: '198.51.100.0/24' }])).status, 201);
    });

    it('validates macvlan_mode and ipvlan_mode (not ipvlan_flag)', async () => {
      expectError(
        await createNet('o1', 'eth0', [{ Subnet: '198.51.100.0/24' }], { opts: { macvlan_mode: 'foo' } }),
        500,
        "requested macvlan mode 'foo' is not valid, 'bridge' mode is the macvlan driver default",
      );
      expectError(
        await createNet('o2', 'eth0', [{ Subnet: '198.51.100.0/24' }], { driver: 'ipvlan', opts: { ipvlan_mode: 'l9' } }),
        500,
        "requested ipvlan mode 'l9' is not valid, 'l2' mode is the ipvlan driver default",
      );
      assert.equal((await createNet('o3', 'eth1', [{ Subnet: '198.51.100.0/24' }], { driver: 'ipvlan', opts: { ipvlan_flag: 'zz' } })).status, 201);
    });

    it('gives a macvlan network without IPAM config the first default pool', async () => {
      assert.equal((await req('POST', '/networks/create', { Name: 'auto', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'eth0' } })).status, 201);
      assert.deepEqual(await storedConfig('auto'), [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }]);
      // static addresses need a user subnet; create accepts, start refuses
      assert.equal((await createCtr('a1', 'auto', '172.17.0.5')).status, 201);
      expectError(await startCtr('a1'), 400, 'user specified IP address is supported only when connecting to networks with user configured subnets');
    });
  });

  describe('container static addresses (checked at start, not at create)', () => {
    it('reports the exact start errors', async () => {
      const net = 'n';
      assert.equal(
        (await createNet(net, 'eth0', [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1', IPRange: '192.0.2.128/25', AuxiliaryAddresses: { reserved: '192.0.2.200' } }])).status,
        201,
      );
      assert.equal((await createCtr('k1', net, '198.51.100.10')).status, 201);
      expectError(await startCtr('k1'), 500, "Invalid address 198.51.100.10: It does not belong to any of this network's subnets");
      for (const [name, ip] of [['k2', '192.0.2.1'], ['k3', '192.0.2.200'], ['k4', '192.0.2.0'], ['k5', '192.0.2.255']]) {
        assert.equal((await createCtr(name, net, ip)).status, 201);
        expectError(await startCtr(name), 403, 'Address already in use');
      }
      // outside the ip-range but inside the subnet: allowed
      assert.equal((await createCtr('k6', net, '192.0.2.20')).status, 201);
      assert.equal((await startCtr('k6')).status, 204);
      assert.equal((await ipOf('k6', net))?.IPAddress, '192.0.2.20');
      assert.equal((await createCtr('k7', net, '192.0.2.20')).status, 201);
      expectError(await startCtr('k7'), 403, 'Address already in use');
      // dynamic addresses come from the ip-range
      assert.equal((await createCtr('k8', net)).status, 201);
      assert.equal((await startCtr('k8')).status, 204);
      assert.equal((await ipOf('k8', net))?.IPAddress, '192.0.2.128');
      // only syntax is checked at create
      expectError(await createCtr('k9', net, '192.0.2.256'), 400, 'invalid IPv4 address: 192.0.2.256');
      expectError(await req('DELETE', `/networks/${net}`), 403, /^error while removing network: network n id [0-9a-f]{64} has active endpoints$/);
    });
  });

  describe('faults', () => {
    it('survives SIGKILL of dockerd: restart brings networks back and stops orphaned containers', async () => {
      assert.equal((await createNet('f', 'eth0', [{ Subnet: '192.0.2.0/24' }])).status, 201);
      assert.equal((await createCtr('f1', 'f', '192.0.2.10')).status, 201);
      assert.equal((await startCtr('f1')).status, 204);
      assert.deepEqual(await storedConfig('f'), [{ Subnet: '192.0.2.0/24' }]);
      const pid = engine.pid;
      await engine.kill();
      assert.equal(pidAlive(pid), false);
      // Refused, or reset when the request met a kept-alive socket of the killed daemon.
      // The daemon restarts before anything is asserted, so a failure cannot strand later tests.
      const down = await req('GET', '/_ping').then(
        () => undefined,
        (e: unknown) => e,
      );

      const t0 = performance.now();
      await engine.restart();
      const ms = Math.round(performance.now() - t0);
      assert.match(String(down), /ECONNREFUSED|ENOENT|ECONNRESET/);
      console.log(`restart after SIGKILL: ${ms} ms (dockerd spawn -> /_ping ${engine.startMs} ms)`);
      assert.notEqual(engine.pid, pid);
      // the network is back, and now reports the gateway it picked implicitly (quirk: before the
      // restart IPAM.Config had no Gateway; a plain SIGTERM restart shows the same)
      assert.deepEqual(await storedConfig('f'), [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1' }]);
      // without live-restore the orphan is stopped during restore (SIGTERM, then SIGKILL after StopTimeout)
      const st = await req<{ State: { Status: string; ExitCode: number } }>('GET', '/containers/f1/json');
      assert.equal(st.json?.State.Status, 'exited');
      assert.equal(st.json?.State.ExitCode, 137);
      assert.equal((await startCtr('f1')).status, 204);
      assert.equal((await ipOf('f1', 'f'))?.IPAddress, '192.0.2.10');
    });
  });
});
