import { Document, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Builds `yaml` package nodes without the package's constructors, for the fast parse.
 *
 * The constructors define the node type with Object.defineProperty on every instance, which
 * costs more than the rest of building a node (and leaves garbage for the collector). Instances
 * of a prototype that carries the type answer isScalar()/isMap(), instanceof and the class
 * methods the same way. This leans on a package internal (the `yaml.node.type` symbol, which
 * upstream means to replace), so the factory checks itself once at load against the package's
 * own predicates and `toJS()`; when the check fails (a `yaml` release changed the internals),
 * `nodeFactory` is undefined and every parse takes the package's parser: slower, never wrong.
 * The `yaml` version range in package.json is pinned to the minor release this was checked on.
 */
export interface NodeFactory {
  scalar(value: unknown, type: Scalar.Type, source: string, range: [number, number, number]): Scalar;
  map(): YAMLMap;
  seq(): YAMLSeq;
  pair(key: unknown, value: unknown): Pair;
}

const NODE_TYPE = Symbol.for('yaml.node.type');

function prototypeOf<T extends object>(sample: T): T {
  const proto = Object.create(Object.getPrototypeOf(sample) as object) as T;
  Object.defineProperty(proto, NODE_TYPE, { value: (sample as Record<symbol, unknown>)[NODE_TYPE] });
  // Collections keep their schema on the instance (undefined for parsed documents).
  if ('schema' in sample) Object.defineProperty(proto, 'schema', { value: undefined, writable: true, configurable: true });
  return proto;
}

function prototypeFactory(): NodeFactory {
  const SCALAR = prototypeOf(new Scalar(null));
  const MAP = prototypeOf(new YAMLMap());
  const SEQ = prototypeOf(new YAMLSeq());
  const PAIR = prototypeOf(new Pair(null));
  return {
    scalar(value, type, source, range) {
      const n = Object.create(SCALAR) as Scalar;
      n.value = value;
      n.type = type;
      n.source = source;
      n.range = range;
      return n;
    },
    map() {
      const n = Object.create(MAP) as YAMLMap;
      n.items = [];
      return n;
    },
    seq() {
      const n = Object.create(SEQ) as YAMLSeq;
      n.items = [];
      return n;
    },
    pair(key, value) {
      const n = Object.create(PAIR) as Pair;
      n.key = key;
      n.value = value;
      return n;
    },
  };
}

/** Whether nodes from `f` are nodes to the package: its predicates, instanceof, and toJS of a document. */
export function factoryWorks(f: NodeFactory): boolean {
  try {
    const s = f.scalar('eth0', Scalar.PLAIN, 'eth0', [0, 4, 4]);
    const n = f.scalar(10, Scalar.PLAIN, '10', [5, 7, 7]);
    const seq = f.seq();
    seq.items.push(s, n);
    const map = f.map();
    const p = f.pair(f.scalar('k', Scalar.PLAIN, 'k', [0, 1, 1]), seq);
    map.items.push(p);
    if (!isScalar(s) || !isSeq(seq) || !isMap(map) || !isPair(p)) return false;
    if (!(s instanceof Scalar) || !(map instanceof YAMLMap) || !(seq instanceof YAMLSeq) || !(p instanceof Pair)) return false;
    const doc = new Document();
    doc.contents = map;
    const js = doc.toJS() as { k?: unknown[] };
    return Array.isArray(js.k) && js.k.length === 2 && js.k[0] === 'eth0' && js.k[1] === 10 && doc.get('k') === seq;
  } catch {
    return false;
  }
}

function checked(): NodeFactory | undefined {
  const f = prototypeFactory();
  return factoryWorks(f) ? f : undefined;
}

export const nodeFactory: NodeFactory | undefined = checked();
