/** UTF-8 chunks to strings; the decoder keeps a character split across chunks whole and drops a BOM. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export interface Line {
  text: string;
  /** 1-based. */
  line: number;
}

/**
 * Lines of a text stream, split on LF with a CR before it removed. A final line break ends the last
 * line rather than starting an empty one, so a file ending in a newline has no phantom blank line.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      pending += chunk;
      continue;
    }
    do {
      let text = chunk.slice(start, end);
      if (pending) {
        text = pending + text;
        pending = '';
      }
      yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: ++line };
      start = end + 1;
      end = chunk.indexOf('\n', start);
    } while (end >= 0);
    pending = chunk.slice(start);
  }
  if (pending) yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line: ++line };
}
