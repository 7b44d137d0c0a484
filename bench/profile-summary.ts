// Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self time per source file and
// per function, so "where does the time go" has an answer without opening DevTools.
//   npx tsx bench/profile-summary.ts output/bench/profiles/pipeline-n50000.cpuprofile [--top 30]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatInt, formatTable } from '../src/cli/format-table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(import.meta.dirname, '..');

const shortUrl = (url: string): string => {
  if (url === '') return '(native/V8)';
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith(ROOT)) return path.slice(ROOT.length + 1).replace(/^node_modules\/([^/]+)\/.*/, 'node_modules/$1');
  return path.startsWith('node:') ? path : path.replace(/.*\/node_modules\/([^/]+)\/.*/, 'node_modules/$1');
};

export const summarizeProfile = (profile: CpuProfile, top: number) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let total = 0;
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    total += us;
    const file = shortUrl(f.url);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${f.functionName || '(anonymous)'}  ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, formatInt(Math.round(us / 1000)), `${((us / total) * 100).toFixed(1)}%`]);
  return {
    totalMs: total / 1000,
    files: formatTable(['file (self time)', 'ms', 'share'], rows(byFile)),
    functions: formatTable(['function', 'ms', 'share'], rows(byFunction)),
  };
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
  if (positionals.length !== 1) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N]');
  const s = summarizeProfile(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile, Number(values.top));
  process.stdout.write(`total sampled: ${formatInt(Math.round(s.totalMs))} ms\n\n${s.files}\n\n${s.functions}\n`);
}
