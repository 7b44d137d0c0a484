import { z } from 'zod';
import type { Item } from '../../src/pipeline/item.js';
import { defineSource } from '../../src/pipeline/stage.js';

/** A source over records held in memory; each record may expand into several items (children). */
export const memorySource = <T>(records: readonly { children: Item<T>[] }[]) =>
  defineSource(
    'memory',
    z.strictObject({}),
    async function* (_inputs, _opts, ctx) {
      for (const record of records) {
        ctx.countIn();
        if (record.children.length === 0) {
          ctx.drop({ id: 'empty', source: { uri: 'memory' } }, { code: 'no_children' });
          continue;
        }
        for (const [i, child] of record.children.entries()) {
          if (i > 0) ctx.countExpanded(1);
          yield child as Item<T>;
        }
      }
    },
    () => [],
  )();
