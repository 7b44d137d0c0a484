// The hostile-input corpus of issue 16, run as a user would run tuneset: every case is a child
// process under a time limit (a hang fails), a heap limit of 256 MB (a blow-up is a crash, which
// fails) and a resident-memory cap, and must give its exit code, its words, its drops, no stack
// trace and nothing corrupted in the files written for upload. A case marked expectedToFail is
// one whose fix has not landed: it runs with test.fails, so the suite turns red when it starts to
// pass and the mark must go. `npm run hostile` prints the same cases one line each.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CASES, SELF_CHECKS } from './corpus.js';
import { startCorpus, summaryLine, type CorpusSession } from './corpus-run.js';

let session: CorpusSession;
beforeAll(async () => {
  session = await startCorpus();
});
afterAll(() => session.close());

// Cases wait their turn for one of two slots, so a test's own timeout covers the queue too; each
// case's time limit is enforced by killing its process (see run-case.ts).
const QUEUE_TIMEOUT_MS = 900_000;

describe('the corpus itself', () => {
  test('covers every bullet of issue 16 and names cases uniquely', () => {
    const bullets = new Set(CASES.map((c) => c.bullet));
    expect([...bullets].sort()).toEqual(['bad record', 'corruption', 'handled', 'limits', 'paths', 'words']);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) if (c.expectedToFail) expect(c.expectedToFail).toMatch(/^issue 16 item [1-4]: /);
  });
});

describe.concurrent('the checks can fail', () => {
  for (const c of SELF_CHECKS) {
    test(c.name, async () => {
      const r = await session.run(c);
      expect(r.problems.some((p) => c.expectProblem.test(p)), `problems: ${JSON.stringify(r.problems)}`).toBe(true);
    }, QUEUE_TIMEOUT_MS);
  }
});

describe.concurrent('hostile inputs', () => {
  for (const c of CASES) {
    const body = async () => {
      const r = await session.run(c);
      // HOSTILE_SUMMARY=FILE collects npm run hostile's one-line summary from a vitest run too.
      if (process.env['HOSTILE_SUMMARY']) appendFileSync(process.env['HOSTILE_SUMMARY'], `${summaryLine(c, r)}\n`);
      expect(r.problems, `${c.name}\nexit ${r.code ?? r.signal}\nstderr: ${r.stderr.slice(0, 2000)}`).toEqual([]);
    };
    if (c.expectedToFail) test.fails(`${c.name} (waits for ${c.expectedToFail})`, body, QUEUE_TIMEOUT_MS);
    else test(c.name, body, QUEUE_TIMEOUT_MS);
  }
});
