import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { connectFailure } from '../../pipeline/connect-failure.js';
import { SourceError } from '../../pipeline/errors.js';
import type { StageContext } from '../../pipeline/stage.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits.js';
import { noteHead } from './input-heads.js';
import { resolveInput } from './input-spec.js';
import { openFifo } from './open-fifo.js';
import { byteSize } from './record-size.js';
import { refuseOtherEncodings } from './text-encoding.js';
import { TransferGuard } from './transfer-guard.js';
import { readHead } from './read-head.js';

/** Measured: 64 KiB reads parse as fast as 1 MiB ones and keep the resident set about half as big. */
const CHUNK_BYTES = 1 << 16;

const errorCode = (error: unknown): string | undefined => {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  // `ln -s b a; ln -s a b`: the path exists, it only never leads to a file.
  ELOOP: 'is a symbolic link loop (a link that leads back to itself)',
};

async function* readFile(path: string, uri: string, fifoWaitMs: number): AsyncGenerator<Uint8Array> {
  // stat first: opening a directory succeeds on Linux and only the first read fails, less clearly.
  const info = await stat(path).catch((error: unknown) => {
    throw new SourceError(uri, FILE_ERRORS[errorCode(error) ?? ''] ?? messageOf(error), { cause: error });
  });
  if (info.isDirectory()) throw new SourceError(uri, 'is a directory');
  const fifo = info.isFIFO() ? await openFifo(path, uri, fifoWaitMs) : undefined;
  try {
    const stream = fifo ? fifo.createReadStream({ highWaterMark: CHUNK_BYTES }) : createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw new SourceError(uri, FILE_ERRORS[errorCode(error) ?? ''] ?? `read failed: ${messageOf(error)}`, { cause: error });
  }
}

const READ_ERRORS: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
};

const netError = (uri: string, error: unknown, stage: string): SourceError => {
  const known = READ_ERRORS[errorCode(error) ?? ''];
  const cause = (error as { cause?: unknown }).cause;
  return new SourceError(uri, known ?? `${stage}: ${messageOf(cause ?? error)}`, { cause: error });
};

async function* readHttp(url: URL, uri: string, signal: AbortSignal, limits: InputLimits): AsyncGenerator<Uint8Array> {
  // The guard aborts a transfer past the deadline or below the minimum rate; its failure names why.
  const guarded = new AbortController();
  const guard = new TransferGuard(uri, limits, (reason) => guarded.abort(reason));
  const both = AbortSignal.any([signal, guarded.signal]);
  let response: Response;
  try {
    response = await guard.wait(fetch(url, { signal: both }), () => 0);
  } catch (error) {
    if (signal.aborted) throw error;
    if (guard.failure) throw guard.failure;
    // A request that never connected says so: `could not connect to <url>: connection refused`.
    const unreachable = connectFailure(error, url);
    if (unreachable) throw new SourceError(uri, unreachable, { cause: error, unreachable: true });
    throw netError(uri, error, 'request failed');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(uri, `HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  if (!response.body) return;
  const body = response.body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const r = await guard.wait(body.next(), (step) => (step.done ? 0 : step.value.byteLength));
      if (r.done) return;
      yield r.value;
    }
  } catch (error) {
    if (signal.aborted) throw error;
    if (guard.failure) throw guard.failure;
    // fetch undoes the Content-Encoding itself; zlib's 'incorrect header check' or brotli's
    // 'Decompression failed' (codes Z_*, ERR__ERROR_FORMAT_*) alone name nothing.
    const encoding = response.headers.get('content-encoding');
    if (encoding && /^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(errorCode(error) ?? '')) {
      // undici's error is 'terminated'; zlib's own, its cause, says what was wrong.
      const zlib = (error as { cause?: unknown }).cause ?? error;
      throw new SourceError(uri, `the server says Content-Encoding: ${encoding} but the body is not ${encoding}-compressed (${messageOf(zlib)})`, { cause: error });
    }
    throw netError(uri, error, 'read failed');
  } finally {
    // Cancels the web stream (closing the connection) when the consumer stops early or a limit ended it.
    await body.return?.().catch(() => undefined);
  }
}

/** The ratio is judged once this much is out: the first bytes of any file may compress very well. */
const RATIO_FLOOR = 1 << 20;

/** Why a gzip input must stop (a bomb), or undefined while it is within its limits. */
const decompressionLimit = (out: number, compressed: number, limits: Pick<InputLimits, 'maxDecompressedBytes' | 'maxCompressionRatio'>): string | undefined => {
  if (out > limits.maxDecompressedBytes) return `gzip data decompresses to more than ${byteSize(limits.maxDecompressedBytes)} (maxDecompressedBytes); a gzip bomb?`;
  if (out > RATIO_FLOOR && out > limits.maxCompressionRatio * compressed) {
    return `gzip data decompresses to more than ${limits.maxCompressionRatio} times its size (${out} bytes out of ${compressed}; maxCompressionRatio); a gzip bomb?`;
  }
  return undefined;
};

/** Peeks at the first two bytes: gzip is recognised by its magic number, whatever the name says. */
export async function* gunzipIfNeeded(
  raw: AsyncIterable<Uint8Array>,
  uri: string,
  limits: Pick<InputLimits, 'maxDecompressedBytes' | 'maxCompressionRatio'> = DEFAULT_INPUT_LIMITS,
): AsyncGenerator<Uint8Array> {
  const it = raw[Symbol.asyncIterator]();
  let head: Uint8Array[];
  let ended: boolean;
  try {
    ({ chunks: head, ended } = await readHead(it, 2));
  } catch (error) {
    await it.return?.();
    throw error;
  }
  // The first two bytes may be spread over chunks (a network read can be one byte, or none).
  const magic: number[] = [];
  for (const chunk of head) for (let i = 0; i < chunk.byteLength && magic.length < 2; i++) magic.push(chunk[i]!);
  const replay = async function* () {
    try {
      yield* head;
      if (ended) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  };
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
    yield* replay();
    return;
  }
  // pipeline() destroys every stream with the first error, so a read error upstream surfaces here too.
  const engine = createGunzip();
  const gunzip = pipeline(Readable.from(replay(), { objectMode: false }), engine, () => undefined);
  let out = 0;
  try {
    for await (const chunk of gunzip) {
      out += (chunk as Buffer).byteLength;
      // bytesWritten is what zlib has taken in, not what was read ahead: a small file read whole at
      // once would otherwise pass for a large one, and a bomb be noticed only near its end.
      const bomb = decompressionLimit(out, engine.bytesWritten, limits);
      // Thrown inside the loop: leaving it destroys the gunzip pipeline, which stops reading.
      if (bomb) throw new SourceError(uri, bomb);
      yield chunk as Buffer;
    }
  } catch (error) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR for a truncated file); a read error or an abort passes as it is.
    if (!errorCode(error)?.startsWith('Z_')) throw error;
    // The first header was checked above (its magic) and by zlib: a header error now is at the start
    // of a further member, where `cat a.gz b.gz` puts one and anything appended to the file lands.
    if (messageOf(error) === 'incorrect header check') {
      throw new SourceError(uri, `data after the end of the gzip stream is not gzip (${messageOf(error)}); gunzip -c keeps the gzip part and warns of 'trailing garbage'`, { cause: error });
    }
    throw new SourceError(uri, `invalid gzip data: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * The bytes of one input (decompressed if it is gzip), streamed; UTF-16 and UTF-32 text is refused
 * with a message naming its encoding. The raw bytes are hashed and
 * counted on the way and recorded with `ctx.recordInput` once the input has been read to its end;
 * an input the consumer stops reading early is not recorded, as a hash of a prefix names no file.
 */
export async function* openInput(input: string, ctx: Pick<StageContext, 'recordInput' | 'signal'>, limits: Partial<InputLimits> = {}): AsyncGenerator<Uint8Array> {
  const resolved = resolveInput(input);
  const { uri } = resolved;
  const all = { ...DEFAULT_INPUT_LIMITS, ...limits };
  const raw = resolved.kind === 'http' ? readHttp(resolved.url, uri, ctx.signal, all) : readFile(resolved.path, uri, all.fifoWaitMs);
  const hash = createHash('sha256');
  let bytes = 0;
  const hashed = async function* () {
    for await (const chunk of raw) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      yield chunk;
    }
  };
  // Its first bytes are kept so a source that ends with no record can say what the input was.
  yield* noteHead(refuseOtherEncodings(gunzipIfNeeded(hashed(), uri, all), uri), ctx, uri);
  ctx.recordInput({ uri, sha256: hash.digest('hex'), bytes });
}
