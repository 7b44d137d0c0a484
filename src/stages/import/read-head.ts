/**
 * Reads chunks from `it` until at least `bytes` have come or the input ended, for a reader that
 * must look at the first bytes (gzip magic, encoding, binary) before passing everything on: the
 * caller yields `chunks` again, then the rest of `it`. A network read can be one byte, or none.
 */
export const readHead = async (it: AsyncIterator<Uint8Array>, bytes: number): Promise<{ chunks: Uint8Array[]; size: number; ended: boolean }> => {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < bytes) {
    const r = await it.next();
    if (r.done) return { chunks, size, ended: true };
    chunks.push(r.value);
    size += r.value.byteLength;
  }
  return { chunks, size, ended: false };
};
