import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { SECTIONS } from '../../src/report/build-report.js';
import { countTicks } from '../../src/report/svg-charts.js';
import { writeRunReport } from '../../src/report/write-report.js';
import { BASE, FT, v2Record } from '../train/eval/v2-fixture.js';
import { writeSyntheticRun, type SyntheticExample } from './synthetic-run.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const PLANTED = `</script><img src=x onerror="document.title='pwned'"><!--`;

const build = async (dir: string) => readFileSync(await writeRunReport(dir, NOW), 'utf8');
/** The HTML of one section, from its opening tag to the next section's. */
const sectionOf = (page: string, id: string) => {
  const start = page.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = page.indexOf('<section id=', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
};
const sampleData = (page: string) => {
  const open = '<script type="application/json" id="sample-data">';
  const start = page.indexOf(open) + open.length;
  return JSON.parse(page.slice(start, page.indexOf('</script>', start))) as { id: string; split: string; turns: { role: string; text: string }[] }[];
};
const examples = (n: number, text: (i: number) => string, tokens = (i: number) => 100 + (i % 50)): SyntheticExample[] =>
  Array.from({ length: n }, (_, i) => ({ id: `ex-${i}`, split: i % 5 === 4 ? 'validation' : 'train', user: text(i), answer: `answer ${i}`, tokens: tokens(i), label: 'ABCD'[i % 4]! }));

test('text from the web is escaped everywhere: no element, script end or comment from an example reaches the page', async () => {
  const dir = writeSyntheticRun(
    [...examples(12, (i) => `question ${i}`), { id: `planted ${PLANTED}`, split: 'train', user: `look: ${PLANTED}`, answer: PLANTED, tokens: 120, label: PLANTED.slice(0, 30) }],
    [
      { stage: 'import', code: 'too_short', id: `drop ${PLANTED}`, detail: { why: PLANTED }, data: { text: PLANTED } },
      { stage: 'import', code: 'near_duplicate', id: `near ${PLANTED}`, detail: { keptId: `kept ${PLANTED}`, similarity: 0.97 }, data: { text: PLANTED } },
    ],
  );
  const page = await build(dir);
  expect(page).not.toContain('<img');
  expect(page).not.toContain('<!--');
  // Exactly the page's two script elements: the sample's data and the browser's code.
  expect(page.match(/<script/g)).toHaveLength(2);
  expect(page.match(/<\/script>/g)).toHaveLength(2);
  // The planted text is shown as text: escaped in the markup, intact in the sample's data.
  expect(sectionOf(page, 'flow')).toContain('drop &lt;/script&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;&lt;!--');
  expect(sectionOf(page, 'duplicates')).toContain('kept <code>kept &lt;/script&gt;&lt;img src=x');
  const planted = sampleData(page).find((e) => e.id.startsWith('planted'));
  expect(planted?.turns).toEqual([
    { role: 'user', text: `look: ${PLANTED}` },
    { role: 'assistant', text: PLANTED },
  ]);
});

test('a large run gives a report of bounded size: 200 examples a split in the sample, 40 histogram bins, 30 clusters', async () => {
  const long = (i: number) => `example ${i} `.padEnd(3_000, 'lorem ipsum ');
  const near = Array.from({ length: 2_000 }, (_, i) => ({ stage: 'import', code: 'near_duplicate', id: `dup-${i}`, detail: { keptId: `ex-${i % 500}`, similarity: 0.9 }, data: { text: long(i) } }));
  const big = await build(writeSyntheticRun(examples(6_000, long, (i) => 50 + (i % 3_000)), near));
  const small = await build(writeSyntheticRun(examples(1_000, long, (i) => 50 + (i % 3_000)), near));
  const sample = sampleData(big);
  expect(sample.filter((e) => e.split === 'train')).toHaveLength(200);
  expect(sample.filter((e) => e.split === 'validation')).toHaveLength(200);
  // Bins stacked by split: at most 40 columns of two colours.
  expect(big.match(/<rect class="bin"/g)!.length).toBeLessThanOrEqual(80);
  expect(big.match(/<details class="cluster"/g)).toHaveLength(30);
  expect(big).toContain('470 smaller clusters not shown');
  // Six times the examples: the page does not grow with them.
  expect(big.length).toBeLessThan(2_000_000);
  expect(big.length - small.length).toBeLessThan(20_000);
}, 60_000);

test('every section is there, with its content, for a trained and evaluated AR-LSAT run', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-report-')), 'run');
  await runPipeline(arLsat, { outDir: dir, clock: fixedClock('2026-11-23T12:00:00Z') });
  const model = 'ft:gpt-4o-mini-2024-07-18:org:ar-lsat:abc123';
  writeFileSync(
    join(dir, 'train-state.json'),
    JSON.stringify({ runId: 'r', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', files: { train: { filename: 't', sha256: 's', bytes: 1, fileId: 'file-train1' } }, job: { id: 'ftjob-xyz', status: 'succeeded', fineTunedModel: model, attempt: 1 } }),
  );
  writeFileSync(join(dir, 'metrics.csv'), `step,train_loss,train_accuracy\n${Array.from({ length: 30 }, (_, i) => `${i + 1},${2 - i / 20},${0.3 + i / 60}`).join('\n')}\n`);
  const result = { model, requestedAs: model, n: 9, correct: 5, errors: 0, accuracy: 5 / 9, interval95: { low: 0.267, high: 0.811 }, promptTokens: 2_349, completionTokens: 9, costUsd: 0.0012 };
  writeFileSync(join(dir, 'eval.json'), JSON.stringify({ evaluatedAt: '2026-11-24T00:00:00Z', split: 'validation', scorer: 'letter', examples: 9, dir: 'evals/x', predictions: 'evals/x/p.jsonl', results: [result] }));
  const page = await build(dir);
  for (const [id] of SECTIONS) expect(page).toContain(`<section id="${id}">`);
  expect(sectionOf(page, 'flow').match(/<g class="stage" data-stage="([^"]+)"/g)).toHaveLength(9);
  expect(sectionOf(page, 'flow')).toContain('<code>game-0011-q1</code> <span class="detail">{&quot;keptId&quot;:&quot;game-0004-q1&quot;}</span>');
  expect(sectionOf(page, 'tokens')).toContain('Limit: <b>65,536</b> tokens');
  expect(sectionOf(page, 'labels')).toContain('data-field="gameType"');
  expect(sectionOf(page, 'duplicates')).toContain('exact: kept <code>game-0004-q1</code>, 1 dropped');
  expect(sectionOf(page, 'cost')).toContain('<b>$0.0965</b> estimated: 32,181 billed training tokens');
  expect(sectionOf(page, 'provenance')).toContain('270d9f5492191f3c1bda754257680ed080fd4865650836c0302fcf40f69aaa00');
  expect(sectionOf(page, 'training')).toContain('<g class="panel" data-metric="loss">');
  expect(sectionOf(page, 'training')).toContain('<code>ftjob-xyz</code> (succeeded)');
  expect(sectionOf(page, 'eval')).toContain('<td>55.6%</td><td>26.7%–81.1%</td>');
  expect(sampleData(page)).toHaveLength(50);
});

test('a version 2 eval.json: every suite, scorer and model with interval, n and the difference to the baseline; the side-by-side page linked from report.html', async () => {
  const dir = writeSyntheticRun(examples(10, (i) => `question ${i}`));
  const record = v2Record({ html: 'evals/20261124T090000Z-ft-vs-base/compare.html', scorers: [...v2Record().scorers, { name: 'bleu', version: `<b>${PLANTED}</b>` }] });
  mkdirSync(join(dir, record.dir), { recursive: true });
  writeFileSync(join(dir, record.html!), '<!doctype html>');
  writeFileSync(join(dir, 'eval.json'), JSON.stringify(record));
  const eval_ = sectionOf(await build(dir), 'eval');
  expect(eval_).toContain('<p><a href="evals/20261124T090000Z-ft-vs-base/compare.html">Side-by-side answers</a>');
  expect(eval_.match(/<tr><td>/g)).toHaveLength(6);
  expect(eval_).toContain(
    `<tr><td>validation</td><td>rouge</td><td><code>${FT}</code></td><td>0.412</td><td>0.300–0.520</td><td>3</td><td>+0.212 <span class="muted">(+0.050 to +0.350, n 3)</span> <span class="sig">significant</span></td></tr>`,
  );
  expect(eval_).toContain(`<tr><td>validation</td><td>rouge</td><td><code>${BASE}</code> <span class="tag">baseline</span></td><td>0.200</td><td>0.100–0.310</td><td>3</td><td>baseline</td></tr>`);
  expect(eval_).toContain(`<td>general-knowledge</td><td>letter</td><td><code>${FT}</code></td><td>50.0%</td><td>9.4%–90.5%</td><td>2</td><td>-50.0 pts <span class="muted">(-100.0 pts to 0.0 pts, n 2)</span> <span class="muted">not significant, p 0.50</span></td>`);
  // Suites in the record's order, the held-out split first.
  expect(eval_.indexOf('<td>general-knowledge</td>')).toBeGreaterThan(eval_.lastIndexOf('<td>validation</td>'));
  expect(eval_).toContain('judge <code>gpt-4o-2024-08-06</code> on 1–5');
  expect(eval_).not.toContain(PLANTED);

  // A page that is gone, or a path that is not a file in the run directory, is not linked.
  for (const [html, says] of [
    ['evals/other/compare.html', 'The side-by-side page evals/other/compare.html is not there any more.'],
    ['javascript:alert(1)', 'The side-by-side page javascript:alert(1) is not there any more.'],
    [`../${basename(dir)}/${record.html}`, 'is not there any more.'],
  ] as const) {
    writeFileSync(join(dir, 'eval.json'), JSON.stringify({ ...record, html }));
    const section = sectionOf(await build(dir), 'eval');
    expect(section).not.toContain('<a href');
    expect(section).toContain(says);
  }
  // Scores stored in any order are shown suite by suite, scorer by scorer, model by model, as the record lists them.
  writeFileSync(join(dir, 'eval.json'), JSON.stringify(v2Record({ scores: [...v2Record().scores].reverse() })));
  const unlinked = sectionOf(await build(dir), 'eval');
  expect(unlinked).toContain('No side-by-side page: `tuneset eval &lt;run-dir&gt; ... --html` writes one.');
  expect([...unlinked.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td><code>([^<]+)<\/code>/g)].map((m) => m.slice(1).join(' '))).toEqual([
    `validation rouge ${FT}`,
    `validation rouge ${BASE}`,
    `validation judge ${FT}`,
    `validation judge ${BASE}`,
    `general-knowledge letter ${FT}`,
    `general-knowledge letter ${BASE}`,
  ]);
});

test('sections without data say what is missing and how to get it', async () => {
  const page = await build(writeSyntheticRun(examples(20, (i) => `question ${i}`)));
  expect(sectionOf(page, 'duplicates')).toContain('No duplicate or near-duplicate was dropped.');
  expect(sectionOf(page, 'training')).toContain('Not trained yet: `tuneset train &lt;run-dir&gt;` hands it off');
  expect(sectionOf(page, 'eval')).toContain('Not evaluated: `tuneset eval &lt;run-dir&gt; --model M');
  expect(sectionOf(page, 'diff')).toContain('Nothing to compare with: no earlier run of synthetic beside run in');
  expect(sectionOf(page, 'provenance')).not.toContain('<h3>Crawl</h3>');
});

test('the diff section compares a run with the one before it in the same pipeline directory', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tuneset-report-'));
  await runPipeline(arLsat, { outDir: join(parent, 'a'), clock: fixedClock('2026-11-23T12:00:00Z') });
  await runPipeline(arLsat, { outDir: join(parent, 'b'), clock: fixedClock('2026-11-24T12:00:00Z'), params: { validation: '0.3' } });
  const first = sectionOf(await build(join(parent, 'a')), 'diff');
  const second = sectionOf(await build(join(parent, 'b')), 'diff');
  expect(first).toContain('Nothing to compare with: no earlier run of ar-lsat');
  const runA = JSON.parse(readFileSync(join(parent, 'a', 'manifest.json'), 'utf8')) as { runId: string };
  expect(second).toContain(`Compared with <code>${runA.runId}</code>`);
  expect(second).toContain('0 added</span>, <span class="mark-removed">0 removed');
  expect(second).toMatch(/<p>\d+ examples moved between splits; the configuration changed since that run/);
}, 60_000);

test('count axes tick whole numbers', () => {
  expect(countTicks(9)).toEqual({ lo: 0, hi: 10, values: [0, 2, 4, 6, 8, 10], decimals: 0 });
  expect(countTicks(3)).toEqual({ lo: 0, hi: 3, values: [0, 1, 2, 3], decimals: 0 });
  expect(countTicks(1)).toEqual({ lo: 0, hi: 1, values: [0, 1], decimals: 0 });
  expect(countTicks(400).values).toEqual([0, 100, 200, 300, 400]);
});

test('the sample is bounded by the characters it takes in the page: text that escapes to six times its length counts so', async () => {
  const page = await build(writeSyntheticRun(examples(400, (i) => `${i} ${'<'.repeat(1_900)}`)));
  const sampleJson = page.slice(page.indexOf('id="sample-data">'), page.indexOf('</script>', page.indexOf('id="sample-data">')));
  expect(sampleJson.length).toBeLessThan(1_500_000 + 20_000);
  expect(sampleData(page).length).toBeLessThan(400);
});
