import { SourceError } from '../../pipeline/errors.js';
import type { Item } from '../../pipeline/item.js';
import type { StageContext } from '../../pipeline/stage.js';
import { describeInput, type ExpectedInput } from './describe-input.js';
import { inputHeadsOf } from './input-heads.js';

type Read<O, Out> = (inputs: readonly string[], options: O, ctx: StageContext) => AsyncIterable<Item<Out>>;

/**
 * Wraps a source's reader: when it ends with no record at all, or gives up on an input before its
 * first record, the run stops naming the first input whose first bytes say why: `data.jsonl: no
 * records: the file is empty (0 bytes)`, a JSON array where lines were expected, an HTML page, a
 * binary file. Otherwise (nothing recognisable) the run ends as before, with the drops.
 */
export const explainNoRecords =
  <O, Out>(expected: ExpectedInput, read: Read<O, Out>): Read<O, Out> =>
  async function* (inputs, options, ctx) {
    let records = 0;
    const why = () => {
      for (const head of inputHeadsOf(ctx)) {
        const look = describeInput(head, expected);
        if (look !== undefined) return new SourceError(head.uri, `no records: ${look.text}`);
      }
      return undefined;
    };
    try {
      for await (const record of read(inputs, options, ctx)) {
        records++;
        yield record;
      }
    } catch (error) {
      // An AR-LSAT reader stops at the first byte that is not '[': say the file is empty, a page or
      // binary. Not for text that is not UTF-8: the reader's own error names the line and byte.
      const heads = inputHeadsOf(ctx);
      const last = heads[heads.length - 1];
      const look = records === 0 && last ? describeInput(last, expected) : undefined;
      if (look && ['empty', 'blank', 'binary', 'html'].includes(look.kind)) throw new SourceError(last!.uri, `no records: ${look.text}`, { cause: error });
      throw error;
    }
    if (records === 0) {
      const error = why();
      if (error) throw error;
    }
  };
