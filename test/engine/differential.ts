// Differential test support: the corpus of specs in test/engine/corpus, and applying one spec to
// the real engine (docker.io 20.10 in a netns) network by network through the raw Engine API.
//
// Applying deliberately does not use core/plan or docker/: it is the plain translation a user
// would do by hand (`docker network create ...`, `docker create --ip ...`, `docker network
// connect`, `docker start`), so that Docker, not our own code, judges the spec.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { checkText } from '../../core/check';
import type { Code, Finding, Severity } from '../../core/findings';
import { engineRequest } from './engine';

export const CORPUS_DIR = path.resolve(__dirname, 'corpus');
export const LABEL = 'io.macvlan-spec.differential';

/** What this kernel cannot do (scripts/engine/README.md, "This kernel"). */
export type KernelGap = 'no-vlan' | 'no-ipvlan' | 'no-dummy';
const KERNEL_GAPS: readonly KernelGap[] = ['no-vlan', 'no-ipvlan', 'no-dummy'];
const GAP_REASON: Record<KernelGap, string> = {
  'no-vlan': 'kernel has no 802.1Q VLAN links (CONFIG_VLAN_8021Q)',
  'no-ipvlan': 'kernel has no ipvlan (CONFIG_IPVLAN): ipvlan containers cannot start',
  'no-dummy': 'kernel has no dummy links (CONFIG_DUMMY), which Docker creates for a network without parent',
};

export interface CorpusSpec {
  /** File name without `.macvlan.yaml`. */
  name: string;
  file: string;
  text: string;
  /** `# what:` (and following plain comment lines). */
  what: string;
  /** `# expect:` codes, sorted; empty for `clean`. */
  expect: Code[];
  /** `# docker: accepts` | `# docker: rejects <text>` | `# docker: n/a` */
  docker: { kind: 'accepts' } | { kind: 'rejects'; text: string } | { kind: 'n/a' };
  /** `# kernel: no-vlan no-ipvlan no-dummy` */
  kernel: Set<KernelGap>;
  /** `# apply-host: lab1`: the spec host the engine plays (default: implicit "local", else the first host). */
  applyHost?: string;
  /** `# note:` free text for the report. */
  note?: string;
}

const HEADER = /^#\s*([a-z-]+):\s*(.*)$/;

export function parseHeader(file: string, text: string): CorpusSpec {
  const name = file.replace(/\.macvlan\.ya?ml$/, '');
  let what = '';
  let expect: Code[] | undefined;
  let docker: CorpusSpec['docker'] | undefined;
  const kernel = new Set<KernelGap>();
  let applyHost: string | undefined;
  let note: string | undefined;
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = HEADER.exec(line);
    if (!m) {
      const more = line.replace(/^#\s?/, '').trim();
      if (last === 'what' && more) what += ` ${more}`;
      else if (last === 'note' && more) note += ` ${more}`;
      continue;
    }
    const [, key, value] = m;
    last = key;
    switch (key) {
      case 'what':
        what = value.trim();
        break;
      case 'expect': {
        const v = value.trim();
        if (v === 'clean') expect = [];
        else {
          const codes = v.split(/\s+/);
          for (const c of codes) if (!/^MV\d{3}$/.test(c)) throw new Error(`${file}: bad code ${c} in # expect:`);
          expect = [...new Set(codes as Code[])].sort();
        }
        break;
      }
      case 'docker': {
        const v = value.trim();
        if (v === 'accepts') docker = { kind: 'accepts' };
        else if (v === 'n/a') docker = { kind: 'n/a' };
        else if (v.startsWith('rejects ')) docker = { kind: 'rejects', text: v.slice('rejects '.length).replace(/^"(.*)"$/, '$1') };
        else throw new Error(`${file}: # docker: must be accepts, rejects <text> or n/a`);
        break;
      }
      case 'kernel':
        for (const g of value.trim().split(/\s+/)) {
          if (!(KERNEL_GAPS as readonly string[]).includes(g)) throw new Error(`${file}: unknown # kernel: ${g}`);
          kernel.add(g as KernelGap);
        }
        break;
      case 'apply-host':
        applyHost = value.trim();
        break;
      case 'note':
        note = value.trim();
        break;
      default:
        throw new Error(`${file}: unknown header key # ${key}:`);
    }
  }
  if (!what) throw new Error(`${file}: no # what: header`);
  if (!expect) throw new Error(`${file}: no # expect: header`);
  if (!docker) throw new Error(`${file}: no # docker: header`);
  return { name, file, text, what, expect, docker, kernel, applyHost, note };
}

export function loadCorpus(dir = CORPUS_DIR): CorpusSpec[] {
  return readdirSync(dir)
    .filter((f) => /\.macvlan\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseHeader(f, readFileSync(path.join(dir, f), 'utf8')));
}

// ---------------------------------------------------------------------------------------------
// Checker side

export interface CheckerVerdict {
  findings: Finding[];
  codes: Code[];
  errors: Code[];
  bySeverity: Record<Severity, Code[]>;
}

export function runChecker(text: string): CheckerVerdict {
  const { findings } = checkText(text, { settings: { engine: '20.10' } });
  const uniq = (fs: Finding[]) => [...new Set(fs.map((f) => f.code))].sort();
  const bySeverity: Record<Severity, Code[]> = {
    error: uniq(findings.filter((f) => f.severity === 'error')),
    warning: uniq(findings.filter((f) => f.severity === 'warning')),
    info: uniq(findings.filter((f) => f.severity === 'info')),
  };
  return { findings, codes: uniq(findings), errors: bySeverity.error, bySeverity };
}

// ---------------------------------------------------------------------------------------------
// Docker side

export interface Step {
  /** "create network lan", "start container web", ... */
  what: string;
  status: 'ok' | 'rejected' | 'skipped';
  http?: number;
  /** Docker's message (rejected) or why it was skipped. */
  message?: string;
}

export interface DockerVerdict {
  /** n/a: the text is not YAML (or not a mapping), there is nothing to send. */
  kind: 'accepted' | 'rejected' | 'n/a';
  steps: Step[];
  /** Problems of the harness or the corpus (not Docker's verdict); the test fails on any. */
  harness: string[];
}

export interface EngineLike {
  socketPath: string;
  image: string;
  interfaces: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);

interface DockerMessage {
  message?: string;
}

function messageOf(r: { json: unknown; text: string }): string {
  const m = isObj(r.json) ? (r.json as DockerMessage).message : undefined;
  return (m ?? r.text).trim();
}

/** The spec host the engine plays: `# apply-host:`, else the implicit "local", else the first declared host. */
function targetHost(spec: CorpusSpec, doc: Obj): string {
  if (spec.applyHost) return spec.applyHost;
  const hosts = Object.keys(isObj(doc.hosts) ? doc.hosts : {});
  return hosts.length === 0 ? 'local' : hosts[0];
}

/** Docker's `parent` option: parent, or parent.vlan when `vlan:` is given. */
function dockerParent(n: Obj): string | undefined {
  const parent = str(n.parent);
  if (parent === undefined) return undefined;
  const vlan = str(n.vlan);
  return vlan === undefined ? parent : `${parent}.${vlan}`;
}

/**
 * Which kernel feature a network create would need that this kernel lacks. Docker validates the
 * sub-interface name, the VLAN id and the base link before it asks the kernel for the 802.1Q link,
 * so only a well-formed `base.id` on an existing base needs the kernel.
 */
function networkNeeds(n: Obj, interfaces: string[]): KernelGap | undefined {
  const parent = dockerParent(n);
  if (parent === undefined || parent === '') return 'no-dummy';
  if (interfaces.includes(parent)) return undefined;
  const m = /^([^.]+)\.(\d+)$/.exec(parent);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 4094 && interfaces.includes(m[1])) return 'no-vlan';
  return undefined;
}

/** `POST /networks/create` body for one spec network on `host`. */
export function networkCreateBody(name: string, n: Obj, host: string): Obj {
  const driver = str(n.driver) ?? 'macvlan';
  const options: Record<string, string> = {};
  const parent = dockerParent(n);
  if (parent !== undefined) options.parent = parent;
  const mode = str(n.mode);
  if (mode !== undefined) options[driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode'] = mode;
  const flag = str(n.ipvlan_flag);
  if (flag !== undefined) options.ipvlan_flag = flag;

  const ipv6 = isObj(n.ipv6) ? n.ipv6 : undefined;
  const v4: Obj = {};
  const v6: Obj = {};
  if (n.subnet !== undefined) v4.Subnet = str(n.subnet);
  if (n.gateway !== undefined) v4.Gateway = str(n.gateway);
  const range = isObj(n.ip_range) ? str(n.ip_range[host]) : str(n.ip_range);
  if (range !== undefined) v4.IPRange = range;
  if (ipv6) {
    if (ipv6.subnet !== undefined) v6.Subnet = str(ipv6.subnet);
    if (ipv6.gateway !== undefined) v6.Gateway = str(ipv6.gateway);
    if (ipv6.ip_range !== undefined) v6.IPRange = str(ipv6.ip_range);
  }
  // Like `docker network create --aux-address`: an address goes with the subnet of its family.
  for (const [k, v] of entries(n.aux_addresses)) {
    const a = str(v) ?? '';
    const into = a.includes(':') && v6.Subnet !== undefined ? v6 : v4;
    into.AuxiliaryAddresses = { ...(into.AuxiliaryAddresses as Obj | undefined), [k]: a };
  }
  const config = [v4, v6].filter((c) => Object.keys(c).length > 0);
  const labels: Record<string, string> = { [LABEL]: 'true' };
  for (const [k, v] of entries(n.labels)) labels[k] = str(v) ?? '';
  return {
    Name: name,
    Driver: driver,
    CheckDuplicate: true,
    EnableIPv6: v6.Subnet !== undefined,
    Internal: n.internal === true,
    Options: options,
    IPAM: { Driver: 'default', Config: config },
    Labels: labels,
  };
}

interface Attachment {
  network: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
}

function attachmentsOf(c: Obj): Attachment[] {
  return entries(c.networks).map(([network, a]) => {
    const o = isObj(a) ? a : {};
    return { network, ipv4: str(o.ipv4_address), ipv6: str(o.ipv6_address), mac: str(o.mac_address) };
  });
}

const ipamConfig = (a: Attachment): Obj | undefined =>
  a.ipv4 === undefined && a.ipv6 === undefined
    ? undefined
    : { ...(a.ipv4 !== undefined ? { IPv4Address: a.ipv4 } : {}), ...(a.ipv6 !== undefined ? { IPv6Address: a.ipv6 } : {}) };

interface InspectedContainer {
  NetworkSettings: { Networks: Record<string, { IPAddress: string; GlobalIPv6Address: string; MacAddress: string }> };
}

/**
 * Apply `spec` to the engine, network by network, then container by container, and record every
 * step. Keeps going after a rejection (the remaining steps still say something); a container
 * whose spec networks were not created is skipped, a network the spec does not define is passed
 * to Docker as is (so Docker answers for MV401).
 */
export async function applySpec(engine: EngineLike, spec: CorpusSpec): Promise<DockerVerdict> {
  const steps: Step[] = [];
  const harness: string[] = [];
  const doc = parseDocument(spec.text);
  const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
  if (!isObj(value)) {
    if (spec.kernel.size > 0) harness.push('# kernel: on a spec that is never applied');
    return { kind: 'n/a', steps, harness };
  }
  const req = <T = unknown>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);
  const host = targetHost(spec, value);
  const used = new Set<KernelGap>();
  const skip = (what: string, gap: KernelGap) => {
    used.add(gap);
    if (!spec.kernel.has(gap)) harness.push(`${what} needs what this kernel lacks (${GAP_REASON[gap]}): mark the spec # kernel: ${gap}`);
    steps.push({ what, status: 'skipped', message: GAP_REASON[gap] });
  };
  const onHost = (listed: unknown): boolean => !Array.isArray(listed) || listed.map(String).includes(host);

  const specNets = new Map<string, Obj>(entries(value.networks).map(([k, v]) => [k, isObj(v) ? v : {}]));
  const created = new Set<string>();
  for (const [name, n] of specNets) {
    if (!onHost(n.hosts)) continue;
    const what = `create network ${name}`;
    const gap = networkNeeds(n, engine.interfaces);
    if (gap) {
      skip(what, gap);
      continue;
    }
    const r = await req('POST', '/networks/create', networkCreateBody(name, n, host));
    if (r.status === 201) {
      created.add(name);
      steps.push({ what, status: 'ok', http: r.status });
    } else steps.push({ what, status: 'rejected', http: r.status, message: messageOf(r) });
  }

  const declaredHosts = Object.keys(isObj(value.hosts) ? value.hosts : {});
  // Networks meant for this host; an attachment to any other name (undefined in the spec, or
  // kept off this host by its `hosts:`) goes to Docker as is, which then answers "not found".
  const planned = new Set([...specNets].filter(([, n]) => onHost(n.hosts)).map(([name]) => name));
  for (const [cname, cv] of entries(value.containers)) {
    const c = isObj(cv) ? cv : {};
    const chost = str(c.host);
    if (chost !== undefined && chost !== host) continue;
    if (chost === undefined && declaredHosts.length > 1) {
      steps.push({ what: `create container ${cname}`, status: 'skipped', message: 'no host: in a spec with several hosts' });
      continue;
    }
    const all = attachmentsOf(c);
    const usable = all.filter((a) => !planned.has(a.network) || created.has(a.network));
    for (const a of all) {
      if (!usable.includes(a)) steps.push({ what: `attach ${cname} to ${a.network}`, status: 'skipped', message: `network ${a.network} was not created` });
    }
    if (usable.length === 0) {
      if (all.length > 0) steps.push({ what: `create container ${cname}`, status: 'skipped', message: 'none of its networks was created' });
      else harness.push(`container ${cname} has no networks (the corpus should not need the default bridge)`);
      continue;
    }
    const [first, ...rest] = usable;
    for (const a of rest) {
      // API 1.41 sets a MAC only through Config.MacAddress, i.e. on the first network.
      if (a.mac !== undefined) harness.push(`container ${cname}: mac_address on ${a.network}, not its first network, cannot be set through API 1.41`);
    }
    const labels: Record<string, string> = { [LABEL]: 'true' };
    for (const [k, v] of entries(c.labels)) labels[k] = str(v) ?? '';
    const createdC = await req<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(cname)}`, {
      Image: engine.image,
      Cmd: ['sleep', '3600'],
      StopTimeout: 1,
      Labels: labels,
      ...(first.mac !== undefined ? { MacAddress: first.mac } : {}),
      HostConfig: { NetworkMode: first.network },
      NetworkingConfig: {
        EndpointsConfig: {
          [first.network]: {
            ...(ipamConfig(first) ? { IPAMConfig: ipamConfig(first) } : {}),
            ...(first.mac !== undefined ? { MacAddress: first.mac } : {}),
          },
        },
      },
    });
    if (createdC.status !== 201) {
      steps.push({ what: `create container ${cname}`, status: 'rejected', http: createdC.status, message: messageOf(createdC) });
      continue;
    }
    steps.push({ what: `create container ${cname} on ${first.network}`, status: 'ok', http: 201 });
    let connected = true;
    for (const a of rest) {
      const r = await req('POST', `/networks/${encodeURIComponent(a.network)}/connect`, {
        Container: cname,
        EndpointConfig: ipamConfig(a) ? { IPAMConfig: ipamConfig(a) } : {},
      });
      if (r.status === 200) steps.push({ what: `connect ${cname} to ${a.network}`, status: 'ok', http: 200 });
      else {
        steps.push({ what: `connect ${cname} to ${a.network}`, status: 'rejected', http: r.status, message: messageOf(r) });
        connected = false;
      }
    }
    if (!connected) continue;
    const ipvlanNet = usable.find((a) => str(specNets.get(a.network)?.driver) === 'ipvlan');
    if (ipvlanNet) {
      skip(`start container ${cname}`, 'no-ipvlan');
      continue;
    }
    const started = await req('POST', `/containers/${encodeURIComponent(cname)}/start`);
    if (started.status !== 204) {
      steps.push({ what: `start container ${cname}`, status: 'rejected', http: started.status, message: messageOf(started) });
      continue;
    }
    steps.push({ what: `start container ${cname}`, status: 'ok', http: 204 });
    // The harness must have applied what the spec says, or "Docker accepted" means nothing.
    const got = (await req<InspectedContainer>('GET', `/containers/${encodeURIComponent(cname)}/json`)).json?.NetworkSettings.Networks ?? {};
    for (const a of usable) {
      const ep = got[a.network];
      if (!ep) harness.push(`container ${cname} is not on ${a.network} after start`);
      else {
        if (a.ipv4 !== undefined && ep.IPAddress !== a.ipv4) harness.push(`container ${cname} on ${a.network}: IPv4 ${ep.IPAddress}, spec ${a.ipv4}`);
        if (a.ipv6 !== undefined && ep.GlobalIPv6Address !== a.ipv6) harness.push(`container ${cname} on ${a.network}: IPv6 ${ep.GlobalIPv6Address}, spec ${a.ipv6}`);
        if (a.mac !== undefined && ep.MacAddress !== a.mac.toLowerCase()) harness.push(`container ${cname} on ${a.network}: MAC ${ep.MacAddress}, spec ${a.mac}`);
      }
    }
  }
  for (const g of spec.kernel) if (!used.has(g)) harness.push(`# kernel: ${g} is marked but nothing in the spec needed it`);
  return { kind: steps.some((s) => s.status === 'rejected') ? 'rejected' : 'accepted', steps, harness };
}

/**
 * Rejections after which 20.10 keeps the subnet reserved until dockerd restarts
 * (scripts/engine/README.md, "Leaked pools").
 */
export const LEAKS_POOL = /auxiliary address|non parsable secondary ip/;

/** Remove every container (force) and network the engine has (host and none stay). */
export async function cleanEngine(socketPath: string): Promise<void> {
  const req = <T = unknown>(method: string, p: string) => engineRequest<T>(socketPath, method, p);
  for (const c of (await req<Array<{ Id: string }>>('GET', '/containers/json?all=1')).json ?? []) {
    const r = await req('DELETE', `/containers/${c.Id}?force=1`);
    if (r.status !== 204) throw new Error(`remove container ${c.Id}: ${r.status} ${r.text}`);
  }
  for (const n of (await req<Array<{ Id: string; Name: string }>>('GET', '/networks')).json ?? []) {
    if (n.Name === 'host' || n.Name === 'none') continue;
    const r = await req('DELETE', `/networks/${n.Id}`);
    if (r.status !== 204) throw new Error(`remove network ${n.Name}: ${r.status} ${r.text}`);
  }
}

/** Docker's message without what changes from run to run (ids, veth names, timestamps). */
export function normaliseMessage(message: string): string {
  let m = message;
  // runc wraps the OCI hook's failure: keep the hook's own message.
  const hook = /level=fatal msg="((?:[^"\\]|\\.)*)"/.exec(m);
  if (hook) m = `OCI hook: ${hook[1].replace(/\\"/g, '"')}`;
  return m
    .replace(/\b[0-9a-f]{64}\b/g, '<id>')
    .replace(/\b(dm|di)-[0-9a-f]{12}\b/g, '$1-<id>')
    .replace(/\bveth[0-9a-f]{7}\b/g, 'veth<id>')
    .replace(/\s+/g, ' ')
    .trim();
}
