import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../observed';

/**
 * Whose a network or container is, from its own labels:
 * - `mine`: this spec's (managed label and this spec's name) — the plan may change or remove it;
 * - `spec`: another spec's — never touched; wanting its name is a conflict;
 * - `legacy`: made by a macvlan-spec from before spec names (managed label, no name) — left as it
 *   is unless `--adopt` claims it;
 * - `none`: not made by macvlan-spec — adopted as it is when it matches, never changed.
 */
export type Owner = { kind: 'mine' } | { kind: 'spec'; spec: string } | { kind: 'legacy' } | { kind: 'none' };

const MINE: Owner = { kind: 'mine' };
const LEGACY: Owner = { kind: 'legacy' };
const NONE: Owner = { kind: 'none' };

/**
 * `inherited`: labels the resource got from elsewhere — for a container, its image's (Docker
 * merges them into the container's). A label counts as the resource's own only when the image
 * does not carry the same key and value; so an image built from a managed container (docker
 * commit copies its labels) never makes a container ours.
 */
export function ownerOf(labels: Record<string, string>, spec: string, inherited: Record<string, string> = {}): Owner {
  const own = (k: string): string | undefined => (labels[k] !== undefined && inherited[k] !== labels[k] ? labels[k] : undefined);
  const name = own(SPEC_LABEL);
  // Our create sets the name and the hash: either one being the container's own is proof enough
  // that apply made it, even when its image happens to carry the managed label too.
  if (labels[MANAGED_LABEL] === 'true' && name !== undefined) return name === spec ? MINE : { kind: 'spec', spec: name };
  if (own(MANAGED_LABEL) === 'true' && labels[SPEC_LABEL] === undefined) return LEGACY;
  if (labels[MANAGED_LABEL] === 'true' && labels[SPEC_LABEL] === undefined && own(HASH_LABEL) !== undefined) return LEGACY;
  return NONE;
}

/** For messages: "spec lab's network", "a network made by an older macvlan-spec", ... */
export function ownerText(o: Owner): string {
  switch (o.kind) {
    case 'mine':
      return 'this spec';
    case 'spec':
      return `spec ${o.spec}`;
    case 'legacy':
      return 'an older macvlan-spec (no spec name on it)';
    case 'none':
      return 'not created by macvlan-spec';
  }
}
