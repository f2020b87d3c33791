// Compose's variable interpolation and .env files, as docker compose reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompose } from '../../../core/compose/check';
import { interpolate, parseDotEnv } from '../../../core/compose/interpolate';
import { composeToSpec } from '../../../core/compose/convert';
import { parseCompose } from '../../../core/compose/read';
import { valueFixActions } from '../../../core/service/valueFixActions';

test('interpolate: every form compose knows', () => {
  const env = { A: '192.0.2.0/24', E: '', P: 'eth0' };
  const ok = (t: string) => {
    const r = interpolate(t, env);
    assert.ok(r.ok, `${t}: ${JSON.stringify(r)}`);
    return r.value;
  };
  assert.equal(ok('$A'), '192.0.2.0/24');
  assert.equal(ok('${A}'), '192.0.2.0/24');
  assert.equal(ok('${P}.10'), 'eth0.10');
  assert.equal(ok('${X:-198.51.100.0/24}'), '198.51.100.0/24');
  assert.equal(ok('${E:-d}'), 'd', ':- takes the default for an empty value');
  assert.equal(ok('${E-d}'), '', '- keeps an empty value');
  assert.equal(ok('${X-d}'), 'd');
  assert.equal(ok('${A:+set}'), 'set');
  assert.equal(ok('${X:+set}'), '');
  assert.equal(ok('${X:-${P}.20}'), 'eth0.20', 'a default with a variable in it');
  assert.equal(ok('$$A'), '$A', '$$ is a dollar');
  assert.deepEqual(interpolate('${X}', env), { ok: false, missing: ['X'] });
  assert.deepEqual(interpolate('$X and ${Y:?need Y}', env), { ok: false, missing: ['X', 'Y'] });
  assert.deepEqual(interpolate('${E:?need}', env), { ok: false, missing: ['E'] });
});

test('.env files: comments, export, quotes, trailing comments', () => {
  assert.deepEqual(parseDotEnv('# lab\nSUBNET=192.0.2.0/24\nexport PARENT=eth0.10\nGW="192.0.2.1"\nR=\'192.0.2.128/25\'\nX=1 # note\n\nbad line\n'), {
    SUBNET: '192.0.2.0/24',
    PARENT: 'eth0.10',
    GW: '192.0.2.1',
    R: '192.0.2.128/25',
    X: '1',
  });
});

const TEXT = [
  'services:',
  '  web:',
  '    image: nginx',
  '    networks:',
  '      lan:',
  '        ipv4_address: ${WEB_IP}',
  'networks:',
  '  lan:',
  '    driver: macvlan',
  '    driver_opts:',
  '      parent: ${PARENT:-eth0}.${VLAN:-10}',
  '    ipam:',
  '      config:',
  '        - subnet: ${SUBNET:-192.0.2.0/24}',
  '          gateway: 192.0.2.1',
  '',
].join('\n');

test('a compose file with variables is read as compose reads it: defaults, .env values; an unset variable is no MV101', () => {
  assert.deepEqual(checkCompose(TEXT, { project: 'p' }).findings.map((f) => f.code), [], 'defaults, and an unset address left out');
  const c = checkCompose(TEXT, { project: 'p', env: { WEB_IP: '198.51.100.7', SUBNET: '203.0.113.0/24' } });
  assert.deepEqual(c.findings.map((f) => f.code).sort(), ['MV104', 'MV402']);
  assert.equal(c.facts.nets[0].segment?.name, 'eth0.10');
  assert.equal(TEXT.slice(c.findings.find((f) => f.code === 'MV402')!.span.start, c.findings.find((f) => f.code === 'MV402')!.span.end), '${WEB_IP}', 'the finding points at what is written');
  assert.deepEqual(c.compose.unresolved, []);
  assert.deepEqual(checkCompose(TEXT, { project: 'p' }).compose.unresolved.map((u) => [u.path.join('.'), u.missing]), [['services.web.networks.lan.ipv4_address', ['WEB_IP']]]);
});

test('no fix rewrites a value written with a variable; convert writes the values and says so', () => {
  const c = checkCompose(TEXT, { project: 'p', env: { WEB_IP: '198.51.100.7' } });
  const refs = c.findings.map((f) => ({ code: f.code, span: f.span, ...(f.data ? { data: f.data } : {}) }));
  const titles = (frozen?: typeof c.compose.interpolated) => valueFixActions(c, c.findings, refs, undefined, frozen).map((a) => a.title);
  assert.ok(titles().some((t) => t.startsWith('Give web')), 'without frozen places the address would be rewritten');
  assert.deepEqual(titles(c.compose.interpolated).filter((t) => !t.startsWith('Disable')), []);
  const spec = composeToSpec(parseCompose(TEXT, { project: 'p', env: {} }), 'compose.yaml');
  assert.match(spec.text, /parent: eth0\.10/);
  assert.match(spec.text, /subnet: 192\.0\.2\.0\/24/);
  assert.ok(spec.notes.some((n) => /services\.web\.networks\.lan\.ipv4_address is left out: WEB_IP is not set/.test(n)), spec.notes.join('; '));
});
