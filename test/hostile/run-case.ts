// Runs one case of the hostile corpus as a user would (`node bin/tuneset.js ...` in a child
// process) under a time limit and a memory limit, and lists every way it went wrong: a hang, a
// crash, a memory blow-up, a stack trace, the wrong exit code or words, wrong drops, corrupted text
// in the files written for upload, or an error that echoes the input at length.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseContext, HostileCase } from './corpus.js';
import { pipelineFile } from './pipelines.js';
import type { HostileServer } from './servers.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** V8's old space for the child: a heap blow-up becomes a crash (exit 134 / SIGABRT), which fails. */
export const HEAP_MB = 256;
/** Resident memory the child may reach (heap + buffers + code); more is killed as a blow-up. */
export const RSS_LIMIT_MB = 700;
// Generous: on two busy cores a plain case takes 5-20 s, most of it starting tuneset.
export const DEFAULT_TIME_LIMIT_MS = 40_000;
/** An error message longer than this echoes the input instead of naming the problem. */
export const MAX_OUTPUT_CHARS = 8_000;
const STACK_LINE = /^ {4}at /m;

export interface CaseResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakRssMb: number;
  /** Why the case failed; empty when it passed. */
  problems: string[];
  /** The case's directory, which messages name: left out of the summary line. */
  dir: string;
}

const rssMb = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakRssMb: number;
  killedFor?: 'hang' | 'memory';
}

/** One tuneset command in a child process, killed past `timeLimitMs` or `RSS_LIMIT_MB`. */
export const spawnTuneset = (args: string[], cwd: string, timeLimitMs: number): Promise<Spawned> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], {
      cwd,
      env: { ...process.env, TUNESET_NOW: '2026-11-23T12:00:00Z', NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRssMb = 0;
    let killedFor: Spawned['killedFor'];
    // Kept short in memory: a run that floods its output is reported by its length, not held whole.
    const cap = (s: string, d: Buffer) => (s.length > 1_000_000 ? s : s + d.toString());
    child.stdout.on('data', (d: Buffer) => (stdout = cap(stdout, d)));
    child.stderr.on('data', (d: Buffer) => (stderr = cap(stderr, d)));
    const kill = (why: 'hang' | 'memory') => {
      killedFor ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('hang'), timeLimitMs);
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      peakRssMb = Math.max(peakRssMb, rssMb(child.pid));
      if (peakRssMb > RSS_LIMIT_MB) kill('memory');
    }, 100);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, peakRssMb: Math.round(peakRssMb), ...(killedFor ? { killedFor } : {}) });
    });
  });

/** Drop codes and their counts in a run directory's rejected.jsonl. */
const dropCounts = (out: string): Record<string, number> => {
  const path = join(out, 'rejected.jsonl');
  const counts: Record<string, number> = {};
  if (!existsSync(path)) return counts;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const code = (JSON.parse(line) as { code: string }).code;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
};

/** Every string in a JSON value. */
const strings = function* (v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* strings(x);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* [k, ...strings(x)];
};

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Corruption in the files written for upload: U+FFFD from decoding, lone surrogates, lines that do not parse. */
const corruption = (out: string): string[] => {
  const found: string[] = [];
  for (const file of ['train.jsonl', 'validation.jsonl', 'test.jsonl']) {
    for (const name of [file, `${file}.partial`]) {
      const path = join(out, name);
      if (!existsSync(path)) continue;
      const lines = readFileSync(path, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!line) return;
        if (line.includes('\ufffd')) return void found.push(`${name}:${i + 1} holds U+FFFD (a decoding replacement)`);
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return void found.push(`${name}:${i + 1} is not JSON`);
        }
        for (const s of strings(value)) {
          if (!isWellFormed(s)) return void found.push(`${name}:${i + 1} holds a lone surrogate`);
          if (s.includes('\ufffd')) return void found.push(`${name}:${i + 1} holds U+FFFD (a decoding replacement)`);
        }
      });
    }
  }
  return found;
};

const lineCount = (path: string): number => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0);

const describeExit = (r: Spawned): string => (r.signal ? `signal ${r.signal}` : `exit ${r.code}`);

/** Runs `c` in its own directory under `root` and checks every expectation of it. */
export const runCase = async (c: HostileCase, root: string, server: HostileServer): Promise<CaseResult> => {
  const dir = join(root, 'cases', c.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ctx: CaseContext = {
    dir,
    at: (...parts) => join(dir, ...parts),
    out: join(dir, 'out'),
    http: server.url,
    pipeline: (kind, options) => pipelineFile(root, kind, options),
  };
  await c.setup?.(ctx);
  const limit = c.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  for (const before of c.before?.(ctx) ?? []) await spawnTuneset(before, dir, limit);
  const r = await spawnTuneset(c.args(ctx), dir, limit);
  const problems: string[] = [];
  // Messages are matched without the scratch directory, which a case's name could otherwise match.
  const output = `${r.stderr}\n${r.stdout}`.split(`${dir}/`).join('');
  if (r.killedFor === 'hang') problems.push(`hang: still running after ${limit / 1000} s`);
  else if (r.killedFor === 'memory') problems.push(`memory blow-up: resident memory over ${RSS_LIMIT_MB} MB`);
  else if (r.signal || r.code === 134 || /heap out of memory|Maximum call stack/i.test(output)) problems.push(`crash: ${describeExit(r)}`);
  else if (r.code !== c.exit) problems.push(`exit ${r.code}, expected ${c.exit}`);
  if (STACK_LINE.test(r.stderr)) problems.push('a stack trace on stderr');
  if (c.message) {
    const ok = typeof c.message === 'string' ? output.includes(c.message) : c.message.test(output);
    if (!ok) problems.push(`message ${String(c.message)} not in the output`);
  }
  if (r.stderr.length > MAX_OUTPUT_CHARS) problems.push(`stderr is ${r.stderr.length} characters: the input is echoed`);
  const committed = existsSync(join(ctx.out, 'manifest.json'));
  if (c.drops) {
    if (!committed) problems.push('no run directory to read drops from');
    else {
      const got = dropCounts(ctx.out);
      const want = c.drops;
      const codes = [...new Set([...Object.keys(got), ...Object.keys(want)])].sort();
      const differ = codes.filter((k) => (got[k] ?? 0) !== (want[k] ?? 0));
      if (differ.length > 0) problems.push(`drops ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  }
  if (c.dropLike) {
    const got = committed ? dropCounts(ctx.out) : {};
    const n = Object.entries(got).filter(([k]) => c.dropLike!.code.test(k)).reduce((s, [, v]) => s + v, 0);
    if (n !== c.dropLike.count) problems.push(`drops ${JSON.stringify(got)}, expected ${c.dropLike.count} with a code like ${String(c.dropLike.code)}`);
  }
  if (c.trainLines !== undefined) {
    const n = lineCount(join(ctx.out, 'train.jsonl'));
    if (n !== c.trainLines) problems.push(`train.jsonl has ${n} lines, expected ${c.trainLines}`);
  }
  if (c.rejectedMaxBytes !== undefined && existsSync(join(ctx.out, 'rejected.jsonl'))) {
    const size = readFileSync(join(ctx.out, 'rejected.jsonl')).byteLength;
    if (size > c.rejectedMaxBytes) problems.push(`rejected.jsonl is ${size} bytes, over ${c.rejectedMaxBytes}`);
  }
  // A run that stopped leaves nothing that looks finished: no data file without its manifest.
  if (!committed && ['train.jsonl', 'validation.jsonl'].some((f) => existsSync(join(ctx.out, f)))) problems.push('train.jsonl without manifest.json: an unfinished run looks finished');
  problems.push(...corruption(ctx.out));
  // Big generated inputs are removed at once: the corpus must not fill the disk either.
  if (!process.env['HOSTILE_KEEP']) rmSync(dir, { recursive: true, force: true });
  return { code: r.code, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: r.ms, peakRssMb: r.peakRssMb, problems, dir };
};

/** The first meaningful line of what a case printed: its `error:` line, else the first stderr line. */
export const firstMessage = (r: CaseResult): string => {
  const lines = `${r.stderr}\n${r.stdout}`.split(`${r.dir}/`).join('').split('\n').map((l) => l.trim());
  // validate names each bad line (`line 7: data_type: ...`, `file: data_type: ...`) above its verdict.
  const line =
    lines.find((l) => l.startsWith('error:')) ?? lines.find((l) => /^(line \d+|file): \w+:/.test(l)) ?? lines.find((l) => /Format|drop|rejected|OK/i.test(l)) ?? lines.find(Boolean) ?? '';
  return line.length > 140 ? `${line.slice(0, 137)}...` : line;
};
