import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { Path, Span } from '../spec/model';

/** The key or scalar value under an offset, with the path that leads to it. */
export interface Located {
  kind: 'key' | 'value';
  /** For a key, the path ends with that key; for a value, with its key or list index. */
  path: Path;
  /** The node's text, quotes included. */
  span: Span;
  node: Scalar;
}

const within = (node: Node | null | undefined, offset: number): boolean =>
  node?.range !== undefined && node.range !== null && node.range[0] <= offset && offset <= node.range[1];

/**
 * Walks the parsed document down to the scalar at `offset` (an offset at either end of a word
 * counts, so a cursor right after a value still finds it). Aliases are not followed: what is
 * under the cursor is the alias, not its anchor.
 */
export function locate(doc: Document, offset: number): Located | undefined {
  let node: unknown = doc.contents;
  const path: (string | number)[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        if (isScalar(k) && within(k, offset)) {
          return { kind: 'key', path: [...path, String(k.value)], span: { start: k.range![0], end: k.range![1] }, node: k };
        }
        const v = pair.value as Node | null;
        if (isScalar(k) && within(v, offset)) {
          path.push(String(k.value));
          next = v;
          break;
        }
      }
      if (next === undefined) return undefined;
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => within(item as Node | null, offset));
      if (i < 0) return undefined;
      path.push(i);
      node = node.items[i];
    } else if (isScalar(node) && node.range) {
      return { kind: 'value', path, span: { start: node.range[0], end: node.range[1] }, node };
    } else return undefined;
  }
}
