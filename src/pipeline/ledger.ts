import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StageCounters } from './counters.js';
import { LedgerError } from './errors.js';

const parseLine = (line: string, where: string): { stage?: string } => {
  try {
    return JSON.parse(line) as { stage?: string };
  } catch (error) {
    throw new LedgerError(`${where}: not a JSON line (${(error as Error).message})`);
  }
};

/**
 * Checks `in + expanded = out + dropped + errored` for every stage, and that rejected.jsonl holds
 * exactly `dropped + errored` lines for each stage. Throws a LedgerError naming every stage that
 * does not add up.
 */
export const checkLedger = async (stages: readonly { name: string; counters: StageCounters }[], rejectedPath: string): Promise<void> => {
  const linesByStage = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(rejectedPath), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line) continue;
    // A line with no stage is counted under "(none)", which no stage has: it is reported as unknown.
    const stage = parseLine(line, `${rejectedPath}:${lineNo}`).stage ?? '(none)';
    linesByStage.set(stage, (linesByStage.get(stage) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const { name, counters: c } of stages) {
    if (!c.balanced()) {
      problems.push(`${name}: in ${c.in} + expanded ${c.expanded} != out ${c.out} + dropped ${c.dropped} + errored ${c.errored}`);
    }
    const written = linesByStage.get(name) ?? 0;
    if (written !== c.dropped + c.errored) {
      problems.push(`${name}: rejected.jsonl has ${written} lines but the stage dropped ${c.dropped} and errored ${c.errored}`);
    }
    linesByStage.delete(name);
  }
  for (const [stage, n] of linesByStage) problems.push(`rejected.jsonl has ${n} lines from unknown stage "${stage}"`);
  if (problems.length > 0) throw new LedgerError(`ledger does not balance:\n  ${problems.join('\n  ')}`);
};
