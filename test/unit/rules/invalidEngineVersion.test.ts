import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatEngine, parseEngine } from '../../../core/engine';
import { check } from './helpers';

const spec = (engine: string): string => `
version: 1
hosts:
  lab1:
    docker: unix:///var/run/docker.sock
    engine: ${engine}
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
`;

describe('MV001 invalidEngineVersion', () => {
  it('reports an engine string parseEngine cannot read, naming the engine assumed instead', () => {
    const c = check(spec('"twenty-seven"'));
    const [f, ...more] = c.of('MV001');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '"twenty-seven"');
    assert.deepEqual(f.path, ['hosts', 'lab1', 'engine']);
    assert.equal(
      f.message,
      'engine must look like 27 or 27.3, not "twenty-seven" — until it does, the rules assume Docker Engine 29.0 for host lab1',
    );
    assert.deepEqual(f.related, []);
  });

  it('names the fallback engine from settings', () => {
    const c = check(spec('"27.x"'), { settings: { engine: '24.0' } });
    const [f] = c.of('MV001');
    assert.match(f.message, /assume Docker Engine 24\.0 for host lab1$/);
  });

  it('accepts the forms Docker reports', () => {
    for (const e of ['"27"', '"27.3"', '"27.3.1"', '"20.10.24+dfsg1"', '"v25.0"']) {
      assert.deepEqual(check(spec(e)).findings, [], e);
    }
  });

  it('leaves an unquoted (numeric) engine to the schema: one MV001, not two', () => {
    const c = check(spec('27.3'));
    const mv001 = c.of('MV001');
    assert.equal(mv001.length, 1);
    assert.doesNotMatch(mv001[0].message, /must look like/);
  });
});

it('engine versions print as Docker prints them: 18.06, 17.03, 20.10, 1.13, 27.3', () => {
  for (const [input, shown] of [['18.06', '18.06'], ['18.6', '18.06'], ['17.03.2-ce', '17.03'], ['20.10.24+dfsg1', '20.10'], ['19.03', '19.03'], ['1.13', '1.13'], ['27.3', '27.3'], ['25', '25.0']]) {
    assert.equal(formatEngine(parseEngine(input)!), shown, input);
  }
});
