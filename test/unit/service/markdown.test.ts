import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, hover } from '../../../core/service';
import { inlineCode } from '../../../core/service/markdown';
import { docOf, offsetOf } from './helpers';

test('inlineCode: a backtick in the value cannot close the span', () => {
  assert.equal(inlineCode('eth0'), '`eth0`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('`x`'), '`` `x` ``');
  assert.equal(inlineCode('a``b`c'), '```a``b`c```');
  assert.equal(inlineCode('two\nlines'), '`two lines`');
});

/** Markdown outside code spans: what a renderer would turn into links and images. */
function outsideCode(md: string): string {
  return md.replace(/(`+)[\s\S]*?\1/g, '');
}

test('hover and completion docs fence crafted names, images and endpoints: no link or image escapes', () => {
  const evil = 'x` ![t](http://198.51.100.9/t.png) [click](http://198.51.100.9/) `y';
  const text = [
    'version: 1',
    'hosts:',
    `  "${evil}": { docker: "tcp://h:2376\` ![i](http://198.51.100.9/i.png) \`" }`,
    'networks:',
    `  "${evil}n": { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: ["${evil}"] }`,
    'containers:',
    '  web:',
    `    image: "nginx\` ![i](http://198.51.100.9/i.png) \`"`,
    `    host: "${evil}"`,
    '    networks:',
    `      "${evil}n": { ipv4_address: 192.0.2.10 }`,
    '',
  ].join('\n');
  const doc = docOf([text]);
  const places = [offsetOf(text, 'web', 1), offsetOf(text, '192.0.2.0/24', 2), offsetOf(text, '192.0.2.10', 2), offsetOf(text, 'eth0', 1), offsetOf(text, evil, 2), offsetOf(text, evil, 2, 1)];
  let hovers = 0;
  for (const at of places) {
    const h = hover(doc, at);
    if (!h) continue;
    hovers++;
    assert.doesNotMatch(outsideCode(h.markdown), /\]\(|!\[/, h.markdown);
  }
  assert.ok(hovers >= 4, `hovers answered: ${hovers}`);
  const at = offsetOf(text, '      "', 0) + 6;
  for (const item of complete(doc, at)) if (item.documentation) assert.doesNotMatch(outsideCode(item.documentation), /\]\(|!\[/, item.documentation);
});
