import { formatCidr, parseCidr } from '../ip';
import type { FixProvider } from './types';
import { replaceScalar, scalarText } from './yamlEdit';

/**
 * MV102: `192.168.10.5/24` → `192.168.10.0/24`. Safe: engines before 25 masked the host bits
 * silently, so the normalised value is what Docker always meant by it.
 */
export const normaliseCidr: FixProvider<'normaliseCidr'> = {
  maySafe: true,
  provide(ctx, hint) {
    const { finding, text } = ctx;
    // Recomputed from the text, so a stale hint cannot write a value the user has since changed.
    const parsed = parseCidr(scalarText(text, finding.span).value);
    const normalised = parsed.ok ? formatCidr(parsed.value.family, parsed.value.network, parsed.value.prefix) : hint.normalised;
    if (parsed.ok && !parsed.value.hostBitsSet) return [];
    return [
      {
        title: `Normalise to ${normalised}`,
        code: finding.code,
        edits: [replaceScalar(text, finding.span, normalised)],
        isPreferred: true,
        safe: true,
      },
    ];
  },
};
