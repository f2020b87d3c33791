import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkText } from '../core/check';
import { buildAddressMap } from '../core/map/model';
import { renderHtml } from '../core/map/page';
import { renderSvg } from '../core/map/svg';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { specFile } from './docker';
import { InputError, readSpecFile } from './io';

export const MAP_FLAGS = { boolean: ['help'], value: ['format', 'output', 'width'] };

/**
 * `macvlan-spec map FILE [--format svg|html] [--output F] [--width N]`: the picture the VS Code
 * command "Show Address Map" draws, for a README or a review. A spec with errors is drawn too
 * (overlaps are what the picture is for); exit 0 with the picture, 2 on bad usage or an
 * unreadable file.
 */
export async function runMap(args: ParsedArgs, io: Io): Promise<number> {
  const file = specFile(args, 'map');
  const format = one(args, 'format') ?? 'svg';
  if (format !== 'svg' && format !== 'html') throw new UsageError(`--format must be svg or html (got ${format})`);
  const widthText = one(args, 'width');
  const width = widthText === undefined ? 960 : Number(widthText);
  if (!Number.isInteger(width) || width < 400 || width > 10000) throw new UsageError(`--width must be a whole number from 400 to 10000 (got ${widthText})`);
  const check = checkText(readSpecFile(file), { specPath: path.resolve(file) });
  const map = buildAddressMap(check.facts, check.findings);
  const out = format === 'svg' ? `<?xml version="1.0" encoding="UTF-8"?>\n${renderSvg(map, { embedStyle: true, width })}\n` : renderHtml(map, { width });
  const target = one(args, 'output');
  if (target === undefined || target === '-') {
    io.out(out);
    return 0;
  }
  try {
    writeFileSync(target, out);
  } catch (err) {
    throw new InputError(`cannot write ${target}: ${(err as Error).message}`);
  }
  const bars = map.networks.reduce((n, net) => n + net.bars.length, 0);
  io.err(`macvlan-spec: wrote ${target} (${map.networks.length} network${map.networks.length === 1 ? '' : 's'}, ${bars} address bar${bars === 1 ? '' : 's'})\n`);
  return 0;
}
