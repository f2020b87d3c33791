import { addGateway } from './addGateway';
import { addKey } from './addKey';
import { assignAddress } from './assignAddress';
import { moveGateway } from './moveGateway';
import { normaliseCidr } from './normaliseCidr';
import { partitionPool } from './partitionPool';
import { removeKeyFix } from './removeKeyFix';
import { renumberNetwork } from './renumberNetwork';
import { replaceValue } from './replaceValue';
import { splitParent } from './splitParent';
import type { FixProviders } from './types';

/** Every quick fix, keyed by the `data.fix` hint it answers. Adding one: a file and a line here. */
export const FIXES: FixProviders = {
  normaliseCidr,
  moveGateway,
  addGateway,
  renumberNetwork,
  assignAddress,
  splitParent,
  partitionPool,
  removeKey: removeKeyFix,
  replaceValue,
  addKey,
};
