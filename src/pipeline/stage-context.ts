import type { StageCounters } from './counters.js';
import type { HeldLines } from './held-lines.js';
import { TunesetError } from './errors.js';
import type { Json } from './item.js';
import { rejectedData } from './rejected-body.js';
import type { RejectableItem, StageContext } from './stage.js';

type ContextParts = Omit<StageContext, 'drop' | 'holdPlace' | 'error' | 'countIn' | 'countExpanded' | 'limitReached'> & {
  counters: StageCounters;
  /** rejected.jsonl, in the order places were held (held-lines.ts). */
  rejected: HeldLines;
  /** Errors a stage may have before the run stops. @default 0 */
  maxErrors?: number;
  /** For a source: the records it may count in (`--limit`). */
  readLimit?: number;
  /** rejected.jsonl keeps at most this many bytes of a record's `data`. @default MAX_REJECTED_DATA_BYTES (64 KiB) */
  maxRejectedDataBytes?: number;
};

const rejectedLine = (stage: string, item: RejectableItem, code: string, detail: Json | undefined, maxDataBytes?: number) => {
  const line: Record<string, unknown> = { stage, code };
  if (detail !== undefined) line['detail'] = detail;
  line['id'] = item.id;
  if (item.group !== undefined) line['group'] = item.group;
  line['source'] = item.source;
  if (item.data !== undefined) line['data'] = rejectedData(item.data, maxDataBytes);
  return JSON.stringify(line);
};

export const createStageContext = (parts: ContextParts): StageContext => {
  const { counters, rejected, maxErrors = 0, readLimit, maxRejectedDataBytes, ...rest } = parts;
  return {
    ...rest,
    drop(item, reason) {
      counters.addDrop(reason.code, { id: item.id, ...(reason.detail === undefined ? {} : { detail: reason.detail }) });
      rejected.writeLine(rejectedLine(rest.stage, item, reason.code, reason.detail, maxRejectedDataBytes));
      return undefined;
    },
    holdPlace: () => rejected.hold(),
    error(item, error) {
      counters.errored++;
      // An error that carries a code (an annotator's invalid_json, request_failed) keeps it in the entry.
      const errorCode: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
      const code = typeof errorCode === 'string' ? { code: errorCode } : {};
      const detail = error instanceof Error ? { name: error.name, ...code, message: error.message } : { message: String(error) };
      rejected.writeLine(rejectedLine(rest.stage, item, 'error', detail, maxRejectedDataBytes));
      if (counters.errored > maxErrors) {
        throw new TunesetError(`[${rest.stage}] ${counters.errored} record errors, over the stage's budget of ${maxErrors}; last: ${detail.message}`);
      }
      return undefined;
    },
    countIn(n = 1) {
      counters.in += n;
    },
    countExpanded(n) {
      counters.expanded += n;
    },
    limitReached: () => readLimit !== undefined && counters.in >= readLimit,
  };
};
