/**
 * First user of each key, for the duplicate checks of MV404 (addresses per segment) and MV406
 * (MAC addresses). A key is a pair: `group`, a non-negative int32, and `value`, a non-negative
 * integer below 2^53 (an IPv4 address, a 48-bit MAC). A user is a non-negative int32, the
 * caller's index of the item.
 *
 * Why not a Map: these checks see every static address of a spec, and a Map of tens of
 * thousands of entries is garbage made after the parse (its tables, rehashed as it grows, and
 * a heap number for each key above 2^30), which makes the young-generation collector copy the
 * parse's live output. This table is an open-addressing hash (linear probing) in typed arrays,
 * sized once for the keys the caller expects: their storage lives outside the JavaScript heap,
 * and nothing is allocated per key.
 */
export class FirstUse {
  private groups!: Int32Array;
  private values!: Float64Array;
  private users!: Int32Array;
  private mask = 0;
  private count = 0;

  /** `expected`: how many keys will be added (more still work, by growing the table). */
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.alloc(size);
  }

  /** The first user recorded for (`group`, `value`), or -1 after recording `user` as its first. */
  firstOrAdd(group: number, value: number, user: number): number {
    const groups = this.groups;
    const values = this.values;
    let i = slot(group, value) & this.mask;
    for (let g = groups[i]; g !== -1; i = (i + 1) & this.mask, g = groups[i]) {
      if (g === group && values[i] === value) return this.users[i];
    }
    // At most half full, so probe runs stay short.
    if (++this.count * 2 > groups.length) {
      this.grow();
      this.put(group, value, user);
    } else {
      groups[i] = group;
      values[i] = value;
      this.users[i] = user;
    }
    return -1;
  }

  private put(group: number, value: number, user: number): void {
    let i = slot(group, value) & this.mask;
    while (this.groups[i] !== -1) i = (i + 1) & this.mask;
    this.groups[i] = group;
    this.values[i] = value;
    this.users[i] = user;
  }

  private alloc(size: number): void {
    this.groups = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    this.users = new Int32Array(size);
    this.mask = size - 1;
  }

  private grow(): void {
    const { groups, values, users } = this;
    this.alloc(groups.length * 2);
    for (let i = 0; i < groups.length; i++) if (groups[i] !== -1) this.put(groups[i], values[i], users[i]);
  }
}

/**
 * Both halves of the value and the group, mixed (murmur3's finaliser) so that the consecutive
 * addresses of one subnet spread over the table.
 */
function slot(group: number, value: number): number {
  let h = (value >>> 0) ^ Math.imul(Math.floor(value / 4294967296), 0x85ebca6b) ^ Math.imul(group, 0x27d4eb2d);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
