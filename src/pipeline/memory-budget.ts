/**
 * `--memory`: what the stages that keep something for every record (exact and near dedupe, split,
 * the import's ids, the leakage watch) may hold in memory before spilling to disk in sorted runs.
 * At most about this many of them hold keys at the same moment, so each gets an equal share.
 * The default is small on purpose: with 16 MiB a holder, a 1M-record build's key tables already
 * spill, so peak memory stays flat as the data grows (docs/scale.md); a larger budget spills later
 * and saves a few disk lookups. The output is the same for any budget.
 */
export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;
export const KEY_HOLDERS_AT_ONCE = 4;

export const keyShare = (memoryBytes: number): number => Math.max(1 << 20, Math.floor(memoryBytes / KEY_HOLDERS_AT_ONCE));

const UNITS: Record<string, number> = { '': 1024 * 1024, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 };

/** `512`, `512M`, `2G`, `65536K` (a bare number is MiB); undefined when it is not a size. */
export const parseMemorySize = (raw: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(raw.trim());
  if (!m) return undefined;
  const bytes = Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  return bytes >= 1 ? bytes : undefined;
};
