import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { applyEdits, disableLineEdit } from '../../../core/fixes';
import { dedent } from './helpers';

const spec = (line: string) => dedent(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.128/25
    containers:
      web:
        image: nginx
        networks:
          lan:
            ${line}
  `);

function suppress(text: string): string {
  const before = checkText(text).findings;
  const f = before.find((x) => x.code === 'MV405');
  assert.ok(f, 'expected MV405');
  const after = applyEdits(text, [disableLineEdit(text, f)]);
  const re = checkText(after).findings;
  assert.deepEqual(re.filter((x) => x.code === 'MV405'), []);
  assert.deepEqual(re.map((x) => x.code), before.filter((x) => x !== f).map((x) => x.code));
  return after;
}

test('disableLineEdit: appends a directive that suppresses exactly that finding', () => {
  const after = suppress(spec('ipv4_address: 192.0.2.200'));
  assert.match(after, /ipv4_address: 192\.0\.2\.200 {2}# macvlan-disable-line MV405\n/);
});

test('disableLineEdit: an existing comment stays, trailing blanks are dropped', () => {
  const after = suppress(spec('ipv4_address: 192.0.2.200   # the printer  '));
  assert.match(after, /ipv4_address: 192\.0\.2\.200 {3}# the printer {2}# macvlan-disable-line MV405\n/);
});

test('disableLineEdit: adds the code to a directive already on the line', () => {
  const after = suppress(spec('ipv4_address: 192.0.2.200  # macvlan-disable-line MV403  # note'));
  assert.match(after, /# macvlan-disable-line MV403 MV405 {2}# note\n/);
});

test('disableLineEdit: a directive without codes already covers it: empty edit', () => {
  const text = spec('ipv4_address: 192.0.2.200');
  const f = checkText(text).findings.find((x) => x.code === 'MV405');
  assert.ok(f);
  const withAll = text.replace('192.0.2.200', '192.0.2.200  # macvlan-disable-line');
  assert.equal(disableLineEdit(withAll, f).newText, '');
});

test('disableLineEdit: CRLF line endings are kept', () => {
  const text = spec('ipv4_address: 192.0.2.200').replace(/\n/g, '\r\n');
  const after = suppress(text);
  assert.match(after, /ipv4_address: 192\.0\.2\.200 {2}# macvlan-disable-line MV405\r\n/);
});
