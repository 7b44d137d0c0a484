/**
 * The first bytes of each input a source opened, kept per stage context, so that a source that
 * ends with no record can say what its inputs looked like (empty, a JSON array, an HTML page,
 * binary) without reading them again: an http input cannot be read twice.
 */
export interface InputHead {
  uri: string;
  /** The first HEAD_BYTES bytes, after gunzip. */
  head: Uint8Array;
  /** Bytes seen so far; final when `complete`. */
  bytes: number;
  /** The input was read to its end. */
  complete: boolean;
}

export const HEAD_BYTES = 4096;

const heads = new WeakMap<object, InputHead[]>();

/** The heads of the inputs opened with `ctx`, in the order they were opened. */
export const inputHeadsOf = (ctx: object): readonly InputHead[] => heads.get(ctx) ?? [];

/** Passes the chunks through, noting the first HEAD_BYTES of them and the size under `ctx`. */
export async function* noteHead(chunks: AsyncIterable<Uint8Array>, ctx: object, uri: string): AsyncGenerator<Uint8Array> {
  let list = heads.get(ctx);
  if (!list) heads.set(ctx, (list = []));
  const entry: InputHead = { uri, head: new Uint8Array(0), bytes: 0, complete: false };
  list.push(entry);
  for await (const chunk of chunks) {
    if (entry.head.byteLength < HEAD_BYTES) {
      const take = chunk.subarray(0, HEAD_BYTES - entry.head.byteLength);
      const head = new Uint8Array(entry.head.byteLength + take.byteLength);
      head.set(entry.head);
      head.set(take, entry.head.byteLength);
      entry.head = head;
    }
    entry.bytes += chunk.byteLength;
    yield chunk;
  }
  entry.complete = true;
}
