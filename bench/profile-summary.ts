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
  children?: number[];
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

const STAGE = /\/src\/stages\/(.+)$/;
const FRAMEWORK = /\/src\/pipeline\/(.+)$/;

/**
 * Who a sample's time belongs to, callees included (V8 builtins, crypto, the tokenizer's WASM): the
 * outermost stage frame below the framework frame that called into it, so `split.ts run` gets the
 * hashing it asks content-key.ts for. Frames outside any stage go to the framework file (runner,
 * atomic-file...) or to V8 (GC, idle).
 */
const attribute = (leaf: number, parentOf: Map<number, number>, byId: Map<number, ProfileNode>): string => {
  let entry: ProfileNode | undefined;
  for (let id: number | undefined = leaf; id !== undefined; id = parentOf.get(id)) {
    const node = byId.get(id)!;
    const { url } = node.callFrame;
    if (STAGE.test(url)) entry = node;
    else if (FRAMEWORK.test(url)) {
      if (entry) break;
      return `pipeline/${FRAMEWORK.exec(url)![1]}`;
    }
  }
  if (entry) return `stages/${STAGE.exec(entry.callFrame.url)![1]} ${entry.callFrame.functionName || '(anonymous)'}`;
  const { functionName, url } = byId.get(leaf)!.callFrame;
  return url === '' ? functionName : `other: ${shortUrl(url)}`;
};

export const summarizeProfile = (profile: CpuProfile, top: number) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let total = 0;
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byStage = new Map<string, number>();
  const leavesByStage = new Map<string, Map<string, number>>();
  for (const [id, us] of selfUs) {
    const owner = attribute(id, parentOf, byId);
    byStage.set(owner, (byStage.get(owner) ?? 0) + us);
    const leaf = byId.get(id)!.callFrame;
    const leafName = leaf.url.startsWith('wasm:') ? 'WASM (tiktoken BPE)' : `${leaf.functionName || '(anonymous)'}  ${shortUrl(leaf.url)}`;
    const leaves = leavesByStage.get(owner) ?? leavesByStage.set(owner, new Map()).get(owner)!;
    leaves.set(leafName, (leaves.get(leafName) ?? 0) + us);
    const f = byId.get(id)!.callFrame;
    total += us;
    const file = shortUrl(f.url);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${f.functionName || '(anonymous)'}  ${file}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, formatInt(Math.round(us / 1000)), `${((us / total) * 100).toFixed(1)}%`]);
  // Inside the biggest owners: which leaf functions the time is spent in (all WASM functions as one).
  const inside = [...byStage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([owner, ownerUs]) => {
      const leaves = [...leavesByStage.get(owner)!].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return formatTable([`${owner}: leaf functions`, 'ms', 'of owner'], leaves.map(([k, us]) => [`  ${k}`, formatInt(Math.round(us / 1000)), `${((us / ownerUs) * 100).toFixed(1)}%`]));
    })
    .join('\n\n');
  return {
    totalMs: total / 1000,
    inside,
    stages: formatTable(['stage entry (callees included)', 'ms', 'share'], rows(byStage)),
    files: formatTable(['file (self time)', 'ms', 'share'], rows(byFile)),
    functions: formatTable(['function', 'ms', 'share'], rows(byFunction)),
  };
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
  if (positionals.length !== 1) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N]');
  const s = summarizeProfile(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile, Number(values.top));
  process.stdout.write(`total sampled: ${formatInt(Math.round(s.totalMs))} ms\n\n${s.stages}\n\n${s.inside}\n\n${s.files}\n\n${s.functions}\n`);
}
