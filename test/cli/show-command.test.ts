import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { main } from '../../src/cli/cli.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { sha256 } from '../../src/pipeline/hash.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { captureIo } from '../helpers/capture-io.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-show-'));
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'show');

const show = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(['show', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

/** A hand-written run directory from fixtures/show/<name>, with the manifest a finished run would have. */
const fixtureRun = (name: string, stages: { name: string; dropped: Record<string, number>; errored?: number }[]): string => {
  const dir = join(tmp(), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  const files = Object.fromEntries(
    readdirSync(dir).map((f) => {
      const bytes = readFileSync(join(dir, f));
      return [f, { sha256: sha256(bytes), bytes: bytes.length, lines: bytes.toString('utf8').split('\n').length - 1 }];
    }),
  );
  const manifest = { pipeline: name, stages: stages.map((s) => ({ in: 0, expanded: 0, out: 0, examples: {}, errored: 0, ms: 0, ...s })), reports: {}, files };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
};

let arDir = '';
beforeAll(async () => {
  arDir = join(tmp(), 'run');
  await runPipeline(arLsat, { outDir: arDir, clock: fixedClock('2026-11-23T12:00:00Z') });
}, 60_000);

test('--id renders one AR-LSAT example as a transcript, with its meta in the header', async () => {
  const r = await show(arDir, '--id', 'game-0006-q3');
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toBe(
    [
      '── game-0006-q3 · validation line 2 · group game-0006 · source fixtures/ar-lsat/sample.json:388 · 242 tokens (assistant 1)',
      'labels: answer=A gameType=assignment',
      'system:',
      '    You are an expert at analytical reasoning. You will read a passage that sets up a logic game, a question about it, and a list of answer options labelled with capital letters. Exactly one option is correct. Reply with the letter of the correct option only.',
      'user:',
      '    Passage:',
      '    Five interns—Quinn, Rosa, Sami, Tova, and Uri—are each assigned to exactly one of three departments: legal, marketing, and research. Each department receives at least one intern. The assignments are subject to the following conditions:',
      '    Quinn and Rosa are assigned to the same department.',
      '    Sami is not assigned to marketing.',
      '    More of the interns are assigned to research than to legal.',
      '    If Tova is assigned to legal, then Uri is assigned to marketing.',
      '    Uri and Sami are assigned to different departments.',
      '',
      '    Question:',
      '    If Uri is assigned to research, which one of the following could be true?',
      '',
      '    Options:',
      '    A. Tova is assigned to marketing.',
      '    B. Quinn is assigned to legal.',
      '    C. Rosa and Tova are both assigned to marketing.',
      '    D. Sami is assigned to research.',
      '    E. Tova is assigned to legal.',
      'assistant:',
      '    A',
      '',
      'no train example matches --id game-0006-q3 (41 searched)',
      'showing 1 of 1 validation example matching --id game-0006-q3 (of 9)',
      '',
    ].join('\n'),
  );
});

/** The id in every header shown, in order: first in an example's header, third (after stage and code) in a dropped record's. */
const headers = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('── ')).map((l) => l.slice(3).split(' · '));
const shownIds = (stdout: string) => headers(stdout).map((h) => h[0]!);
const droppedIds = (stdout: string) => headers(stdout).map((h) => h[2]!);
const lastLines = (stdout: string, n: number) => stdout.trimEnd().split('\n').slice(-n);

test('--grep keeps the examples whose text contains TEXT in any case, or matches /regex/flags', async () => {
  const text = await show(arDir, '--grep', 'LACQUER');
  expect(text.code).toBe(0);
  expect(shownIds(text.stdout)).toEqual(['game-0003-q4', 'game-0003-q3', 'game-0003-q1', 'game-0003-q5', 'game-0003-q6', 'game-0003-q2']);
  expect(lastLines(text.stdout, 2)).toEqual(['showing 6 of 6 train examples matching --grep "LACQUER" (of 41)', 'no validation example matches --grep "LACQUER" (9 searched)']);

  const regex = await show(arDir, '--grep', '/houses? \\d/', '--limit', '2');
  expect(shownIds(regex.stdout)).toEqual(['game-0007-q5', 'game-0007-q3']);
  expect(lastLines(regex.stdout, 2)).toEqual([
    'no train example matches --grep "/houses? \\\\d/" (41 searched)',
    'showing 2 of 4 validation examples matching --grep "/houses? \\\\d/" (of 9); --limit N (0 for all) to see more',
  ]);
});

test('--limit caps each split (default 10, 0 for all) and the summary says how many there are', async () => {
  const byDefault = await show(arDir);
  expect(shownIds(byDefault.stdout)).toHaveLength(19);
  expect(lastLines(byDefault.stdout, 2)).toEqual(['showing 10 of 41 train examples; --limit N (0 for all) to see more', 'showing 9 of 9 validation examples']);
  const three = await show(arDir, '--limit', '3');
  expect(shownIds(three.stdout)).toEqual(['game-0003-q4', 'game-0001-q4', 'game-0004-q2', 'game-0007-q5', 'game-0006-q3', 'game-0006-q5']);
  expect(lastLines(three.stdout, 2)).toEqual(['showing 3 of 41 train examples; --limit N (0 for all) to see more', 'showing 3 of 9 validation examples; --limit N (0 for all) to see more']);
  const all = await show(arDir, '--limit', '0');
  expect(shownIds(all.stdout)).toHaveLength(50);
  expect(lastLines(all.stdout, 2)).toEqual(['showing 41 of 41 train examples', 'showing 9 of 9 validation examples']);
});

test('--split validation shows only that split, each header naming its line in validation.jsonl', async () => {
  const r = await show(arDir, '--split', 'validation', '--limit', '2');
  expect(r.stdout.split('\n').filter((l) => l.startsWith('── '))).toEqual([
    '── game-0007-q5 · validation line 1 · group game-0007 · source fixtures/ar-lsat/sample.json:477 · 290 tokens (assistant 1)',
    '── game-0006-q3 · validation line 2 · group game-0006 · source fixtures/ar-lsat/sample.json:388 · 242 tokens (assistant 1)',
  ]);
  expect(lastLines(r.stdout, 1)).toEqual(['showing 2 of 9 validation examples; --limit N (0 for all) to see more']);
});

test('--rejected --code duplicate shows each dropped copy: stage, code, detail, source and the record', async () => {
  const r = await show(arDir, '--rejected', '--code', 'duplicate');
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(droppedIds(r.stdout)).toEqual(['game-0011-q1', 'game-0011-q2', 'game-0011-q3', 'game-0011-q4', 'game-0011-q5']);
  expect(r.stdout.split('\n\n')[0]).toBe(
    [
      '── dedupe · duplicate · game-0011-q1',
      'source: fixtures/ar-lsat/sample.json:704',
      'group: game-0011',
      'detail: keptId=game-0004-q1',
      'record:',
      '    passageId: game-0011',
      '    passage: |',
      '      SIX diplomats—Aldana, Brekke, Castell, Dorsey, Ekwueme, and Fontaine—will be seated in a Single',
      '      row of six chairs, numbered 1 through 6 from left to right, one diplomat per chair. The Seating must meet the following requirements:',
      '      Aldana sits in a lower-numbered chair than Fontaine.',
      '      Brekke sits next to Dorsey.',
      '      Castell sits in neither chair 1 nor chair 6.',
      '      Ekwueme sits in an even-numbered chair.',
      '      Castell does not sit next to Aldana.',
      "      Fontaine does not sit in the chair immediately to the right of Ekwueme's chair.",
      '    question: Which one of the following could be the seating arrangement, listed from chair 1 to chair 6?',
      '    options:',
      '      - Aldana, Ekwueme, Castell, Brekke, Dorsey, Fontaine',
      '      - Aldana, Ekwueme, Fontaine, Castell, Brekke, Dorsey',
      '      - Castell, Ekwueme, Aldana, Brekke, Dorsey, Fontaine',
      '      - Aldana, Fontaine, Brekke, Castell, Dorsey, Ekwueme',
      '      - Ekwueme, Aldana, Brekke, Dorsey, Castell, Fontaine',
      '    answer: A',
    ].join('\n'),
  );
  for (const n of [2, 3, 4, 5]) expect(r.stdout).toContain(`── dedupe · duplicate · game-0011-q${n}\nsource: fixtures/ar-lsat/sample.json:`);
  expect(r.stdout).toContain('detail: keptId=game-0004-q5\n');
  expect(lastLines(r.stdout, 1)).toEqual(['showing 5 of 5 rejected records with code duplicate']);
});

test('--rejected without a filter ends with the drops by stage and code; --stage narrows to one stage', async () => {
  const r = await show(arDir, '--rejected', '--limit', '1');
  expect(lastLines(r.stdout, 2)).toEqual([
    'showing 1 of 10 rejected records; --limit N (0 for all) to see more',
    'dropped by stage and code: import-ar-lsat: invalid_record 2, answer_out_of_range 1, no_questions 1; clean: missing_content 1; dedupe: duplicate 5',
  ]);
  const clean = await show(arDir, '--rejected', '--stage', 'clean');
  expect(droppedIds(clean.stdout)).toEqual(['game-0009-q4']);
  expect(clean.stdout).toContain('detail: field=question reason=empty\n');
  // A blank question is quoted, so the reader sees what the stage saw.
  expect(clean.stdout).toContain('    question: "   \\n  "\n');
  expect(lastLines(clean.stdout, 2)).toEqual(['showing 1 of 1 rejected record from stage clean', 'dropped by stage and code: clean: missing_content 1']);
});

test('--id of a dropped record says which stage dropped it and why', async () => {
  const r = await show(arDir, '--id', 'game-0011-q2');
  expect(r).toEqual({
    code: 1,
    stdout: '',
    stderr: `error: no example has id "game-0011-q2" in train, validation: stage dedupe dropped it (duplicate: keptId=game-0004-q2); 'tuneset show ${arDir} --rejected --id game-0011-q2' shows the record\n`,
  });
  expect((await show(arDir, '--id', 'game-9999')).stderr).toBe('error: no example has id "game-9999" in train, validation, and no rejected record has it either\n');
});

test('errors in plain words: no directory, an unfinished run, a split, a regex, a code or a stage the run does not have', async () => {
  const missing = join(tmp(), 'nope');
  expect(await show(missing)).toEqual({ code: 1, stdout: '', stderr: `error: ${missing}: run directory not found\n` });
  const unfinished = tmp();
  cpSync(join(arDir, 'train.jsonl'), join(unfinished, 'train.jsonl'));
  const refused = await show(unfinished);
  expect(refused).toMatchObject({ code: 1, stdout: '' });
  expect(refused.stderr).toMatch(new RegExp(`^error: ${unfinished}\\b.*not a finished`));
  expect(refused.stderr).toContain('manifest.json');
  expect(await show(arDir, '--split', 'dev')).toEqual({ code: 2, stdout: '', stderr: 'error: --split expects train, validation or test, got "dev"\n' });
  expect(await show(arDir, '--split', 'test')).toEqual({ code: 1, stdout: '', stderr: `error: ${arDir} has no test split; its splits: train, validation\n` });
  expect(await show(arDir, '--grep', '/[A-E/')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --grep /[A-E/: not a valid regular expression (Invalid regular expression: /[A-E/: Unterminated character class)\n',
  });
  expect(await show(arDir, '--rejected', '--code', 'dupe')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --code dupe: no rejected record has that code; the codes in this run: duplicate 5, invalid_record 2, answer_out_of_range 1, missing_content 1, no_questions 1\n',
  });
  expect((await show(arDir, '--rejected', '--stage', 'clean', '--code', 'duplicate')).stderr).toBe(
    'error: --code duplicate: stage clean dropped no record with that code; its codes: missing_content 1\n',
  );
  expect((await show(arDir, '--rejected', '--stage', 'cleaning')).stderr).toMatch(
    /^error: --stage cleaning: the run has no stage of that name; its stages and their drops: import-ar-lsat 4, clean 1, dedupe 5, /,
  );
  expect(await show(arDir, '--code', 'duplicate')).toEqual({ code: 2, stdout: '', stderr: 'error: --code and --stage select dropped records: add --rejected\n' });
  expect((await show(arDir, '--rejected', '--split', 'train')).code).toBe(2);
  expect((await show(arDir, '--limit', 'ten')).stderr).toBe('error: --limit expects a whole number >= 0, got "ten"\n');
  expect((await show()).stderr).toMatch(/takes exactly one run directory, got 0/);
});

test('a tool-call example: tools offered, a named user, weight 0 marked, calls as name(args), tool results by call id', async () => {
  const dir = fixtureRun('tools', [
    { name: 'validate-chat', dropped: { invalid_weight: 1 } },
    { name: 'clean', dropped: { too_long: 1 } },
  ]);
  const r = await show(dir);
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      '── faq-aloe · train line 1 · group aloe · source fixtures/faq.jsonl:3 · 120 tokens (assistant 18)',
      'labels: topic=watering',
      'tools: get_watering_schedule, get_light_needs',
      'parallel_tool_calls: false',
      'system:',
      '    You are Fernwise, a houseplant care assistant.',
      'user (maria):',
      '    How often do I water an aloe vera?',
      'assistant (weight 0, not trained):',
      '    Daily, aloes love water.',
      'user:',
      '    Are you sure?',
      'assistant:',
      '    → get_watering_schedule({"species":"aloe vera"}) [call_aloe_1]',
      'tool (call_aloe_1):',
      '    {"interval_days":21}',
      'assistant:',
      '    About every three weeks,',
      '    less in winter.',
      '',
      // meta.jsonl interleaves the splits: the second train meta line is its third line.
      '── faq-leaf · train line 2 · source fixtures/faq.jsonl:7 · 95 tokens',
      'labels: topic=pests',
      'user:',
      '    What is wrong with this leaf?',
      '    [image: https://images.example.org/leaf.jpg, detail low]',
      'assistant:',
      '    Fungal leaf spot: remove the leaf.',
      '',
      '── faq-pothos · validation line 1 · source https://plants.example.org/pothos → https://plants.example.org/pothos/ · 31 tokens',
      'user:',
      '    Is a pothos toxic to cats?',
      'assistant:',
      '    Yes: keep it out of reach.',
      '',
      'showing 2 of 2 train examples',
      'showing 1 of 1 validation example',
      '',
    ].join('\n'),
  });
  expect(shownIds((await show(dir, '--grep', 'get_watering')).stdout)).toEqual(['faq-aloe']);
});

test('a DPO example shows the input, then the preferred and the non-preferred answer', async () => {
  const dir = fixtureRun('dpo', []);
  expect((await show(dir)).stdout).toBe(
    [
      '── pref-cactus · train line 1 · source fixtures/prefs.csv:2 · 64 tokens',
      'system:',
      '    You are Fernwise.',
      'user:',
      '    Should I water my cactus daily?',
      'assistant (preferred):',
      '    No: water only when the soil is completely dry.',
      'assistant (non-preferred):',
      '    Yes, every day.',
      '',
      'showing 1 of 1 train example',
      '',
    ].join('\n'),
  );
  expect((await show(dir, '--rejected')).stdout).toBe('the run dropped no record\n');
});

test('a dropped chat example is drawn as a transcript; long records are cut, saying how much, and --full shows them whole', async () => {
  const dir = fixtureRun('tools', [
    { name: 'validate-chat', dropped: { invalid_weight: 1 } },
    { name: 'clean', dropped: { too_long: 1 } },
  ]);
  const r = await show(dir, '--rejected');
  expect(r.stdout).toBe(
    [
      '── validate-chat · invalid_weight · faq-orchid',
      'source: fixtures/faq.jsonl:4',
      'detail: line=4 message="weight must be 0 or 1"',
      'record:',
      '    user:',
      '        Can my orchid go outside?',
      '    assistant (weight 2):',
      '        No.',
      '',
      '── clean · too_long · page-1',
      'source: https://plants.example.org/long',
      'detail: field=text chars=640 max=500',
      'record:',
      '    title: A long page',
      '    text: |',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `      line ${i} of a page that goes on`),
      '      … 12 more lines (--full shows all)',
      '    tags:',
      ...'abcdefghij'.split('').map((t) => `      - ${t}`),
      '      - … 2 more items (--full shows all)',
      '',
      'showing 2 of 2 rejected records',
      'dropped by stage and code: validate-chat: invalid_weight 1; clean: too_long 1',
      '',
    ].join('\n'),
  );
  const full = await show(dir, '--rejected', '--stage', 'clean', '--full');
  expect(full.stdout).toContain('      line 20 of a page that goes on\n    tags:\n');
  expect(full.stdout).toContain('      - l\n\n');
  expect(full.stdout).not.toContain('--full shows all');
});

test('reading stops at the limit, not a line later, and a damaged line is named by file and line', async () => {
  const stages = [
    { name: 'validate-chat', dropped: { invalid_weight: 1 } },
    { name: 'clean', dropped: { too_long: 1 } },
  ];
  const firstLine = (path: string) => `${readFileSync(path, 'utf8').split('\n')[0]}\n`;
  const broken = fixtureRun('tools', stages);
  writeFileSync(join(broken, 'train.jsonl'), `${firstLine(join(broken, 'train.jsonl'))}{"messages": [\n`);
  writeFileSync(join(broken, 'rejected.jsonl'), `${firstLine(join(broken, 'rejected.jsonl'))}{"stage": "clean",\n`);
  expect((await show(broken, '--split', 'train', '--limit', '1')).code).toBe(0);
  expect((await show(broken, '--split', 'train', '--limit', '2')).stderr).toMatch(new RegExp(`^error: ${broken}/train\\.jsonl:2: not valid JSON \\(.*\\); the run directory is damaged\\n$`));
  expect((await show(broken, '--rejected', '--limit', '1')).code).toBe(0);
  expect((await show(broken, '--rejected', '--limit', '2')).stderr).toMatch(new RegExp(`^error: ${broken}/rejected\\.jsonl:2: not valid JSON`));

  // meta.jsonl is read in step with the split file: a missing meta line shows only when reached.
  const shortMeta = fixtureRun('tools', stages);
  writeFileSync(join(shortMeta, 'meta.jsonl'), firstLine(join(shortMeta, 'meta.jsonl')));
  expect((await show(shortMeta, '--split', 'train', '--limit', '1')).code).toBe(0);
  expect((await show(shortMeta, '--split', 'train', '--limit', '2')).stderr).toBe(
    `error: ${shortMeta}/meta.jsonl: fewer train lines than ${shortMeta}/train.jsonl has examples (no meta line for line 2); the run directory is damaged\n`,
  );
});

test('colour only on a terminal, and not when NO_COLOR is set', async () => {
  const dir = fixtureRun('dpo', []);
  const onTerminal = async (env: NodeJS.ProcessEnv) => {
    const c = captureIo();
    (c.io.stdout as { isTTY: boolean }).isTTY = true;
    await main(['show', dir], { ...c.io, env });
    return c.stdout();
  };
  expect(await onTerminal({})).toContain('\x1b[32mpreferred\x1b[39m');
  expect(await onTerminal({ NO_COLOR: '1' })).not.toContain('\x1b[');
  expect((await show(dir)).stdout).not.toContain('\x1b[');
});

test('help: the command list names show, and show --help lists its options', async () => {
  const c = captureIo();
  await main(['--help'], c.io);
  expect(c.stdout()).toMatch(/^ {2}show <run-dir> +print a run's examples as transcripts/m);
  const r = await show('--help');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: tuneset show <run-dir>/);
  for (const option of ['--split S', '--id ID', '--grep TEXT', '--limit N', '--rejected', '--code C', '--stage S', '--full']) expect(r.stdout).toContain(`  ${option}`);
});
