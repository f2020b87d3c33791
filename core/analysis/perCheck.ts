import type { Facts } from './facts';

/**
 * A structure derived from one check's facts, built on first use and shared by everyone who
 * asks during that check. Facts are rebuilt on every check, so keying by the Facts object
 * makes the cache exactly as long-lived as the check, without anyone having to clear it.
 */
export function perCheck<T>(build: (facts: Facts) => T): (facts: Facts) => T {
  const memo = new WeakMap<Facts, T>();
  return (facts) => {
    let value = memo.get(facts);
    if (value === undefined) memo.set(facts, (value = build(facts)));
    return value;
  };
}
