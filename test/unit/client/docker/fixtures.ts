import type { NetworkDetail } from '../../../../core/plan/types';
import type { EngineInfo } from '../../../../docker/types';

export const ENGINE: EngineInfo = { engineVersion: '20.10.24', apiVersion: '1.41', os: 'linux', name: 'lab1' };

let seq = 0;
export const nid = (prefix = 'n') => `${prefix}${String(++seq).padStart(11, '0')}${'f'.repeat(52)}`;

/** A network as the Docker interface reports it. */
export function net(name: string, over: Partial<NetworkDetail> = {}): NetworkDetail {
  return { id: nid(), name, driver: 'macvlan', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {}, containers: [], ...over };
}

export const BRIDGE = (): NetworkDetail =>
  net('bridge', { driver: 'bridge', options: { 'com.docker.network.bridge.name': 'docker0' }, ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', aux: {} }] });
export const HOST_NET = (): NetworkDetail => net('host', { driver: 'host' });
