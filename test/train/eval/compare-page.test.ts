import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { comparePageHtml } from '../../../src/train/eval/compare-page.js';
import { answersDisagree, compareData } from '../../../src/train/eval/compare-page/page-data.js';
import type { Prediction } from '../../../src/train/eval/eval-types.js';
import { requireChromium, withBrowserPage } from '../../helpers/browser-page.js';
import { BASE, FT, HOSTILE, v2Predictions, v2Record, v2Suites } from './v2-fixture.js';

const dataOf = (page: string) => {
  const open = '<script type="application/json" id="compare-data">';
  const start = page.indexOf(open) + open.length;
  return JSON.parse(page.slice(start, page.indexOf('</script>', start))) as unknown;
};

test('hostile text everywhere (replies, errors, the judge reason, prompts, references, model and suite names) never becomes markup', () => {
  const hostileModel = `m${HOSTILE}`;
  const record = v2Record({
    models: [...v2Record().models, { model: hostileModel, requestedAs: hostileModel, role: 'checkpoint', step: 3 }],
    suites: v2Record().suites.map((s) => ({ ...s, path: `${s.path}${HOSTILE}` })),
    judge: { model: 'gpt-4o', rubric: HOSTILE, scale: [1, 5] },
    scores: [...v2Record().scores, { ...v2Record().scores[0]!, model: hostileModel }],
  });
  const predictions: Prediction[] = [
    ...v2Predictions(),
    { ...v2Predictions()[0]!, model: hostileModel, reply: `${HOSTILE}\n${'x'.repeat(50_000)}`, error: HOSTILE, expected: HOSTILE, details: { judge: { reason: HOSTILE } } },
  ];
  const suites = v2Suites().map((s) => ({ ...s, examples: s.examples.map((e) => ({ ...e, prompt: [...e.prompt, { role: 'user', content: HOSTILE }] })) }));
  const page = comparePageHtml(record, predictions, suites);
  // The page's own two script elements and nothing else: no element, script end or comment from the text.
  expect(page.match(/<script/g)).toHaveLength(2);
  expect(page.match(/<\/script>/g)).toHaveLength(2);
  expect(page).not.toContain('<img');
  expect(page).not.toContain('<!--');
  expect(page).not.toContain('<b>backoff');
  // Where it is shown as markup it is escaped; in the data it is intact once read back.
  expect(page).toContain('<code>m&lt;/script&gt;&lt;script&gt;document.title=&#39;pwned&#39;');
  expect(page).toContain('<pre>&lt;/script&gt;&lt;script&gt;');
  expect(dataOf(page)).toEqual(JSON.parse(JSON.stringify(compareData(record, predictions, suites))));
  const v1 = (dataOf(page) as ReturnType<typeof compareData>).examples[0]!;
  expect(v1.answers[2]).toMatchObject({ reply: `${HOSTILE}\n${'x'.repeat(50_000)}`, error: HOSTILE });
  expect(v1.prompt!.at(-1)).toEqual({ role: 'user', text: HOSTILE });
  expect((dataOf(page) as ReturnType<typeof compareData>).models[2]).toEqual({ name: hostileModel, label: 'checkpoint step 3' });
});

test("the page's one script is allowed by its sha256 in a CSP that allows no request", () => {
  const page = comparePageHtml(v2Record(), v2Predictions(), v2Suites());
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replaceAll('&#39;', "'");
  expect(csp.startsWith("default-src 'none'; ")).toBe(true);
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect(scripts).toHaveLength(1);
  const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
  expect(csp).toContain(`script-src 'sha256-${hash}';`);
  expect(csp.match(/sha256-/g)).toHaveLength(1);
});

test('the disagreement filter: replies that differ after trimming, no reply against a reply, or any score that differs', () => {
  const data = compareData(v2Record(), v2Predictions(), v2Suites());
  expect(data.examples.map((e) => [e.suite, e.id, e.disagree])).toEqual([
    ['validation', 'v1', true],
    ['validation', 'v2', false],
    ['validation', 'v3', true],
    ['general-knowledge', 'gk-1', false],
    ['general-knowledge', 'gk-2', true],
  ]);
  // Predictions in any order: suites and models in the record's order, each suite's examples in the predictions' order.
  const reversed = compareData(v2Record(), [...v2Predictions()].reverse(), v2Suites());
  expect(reversed.examples.map((e) => [e.suite, e.id])).toEqual([
    ['validation', 'v3'],
    ['validation', 'v2'],
    ['validation', 'v1'],
    ['general-knowledge', 'gk-2'],
    ['general-knowledge', 'gk-1'],
  ]);
  expect(reversed.models.map((m) => m.name)).toEqual([FT, BASE]);
  const answer = (reply: string | null, scores: Prediction['scores']) => ({ reply, scores });
  expect(answersDisagree([answer('a', { exact: 1 })])).toBe(false);
  // A model without a prediction for the example is left out, not counted as a different answer.
  expect(answersDisagree([answer('a', { exact: 1 }), null, answer(' a\n', { exact: 1 })])).toBe(false);
  expect(answersDisagree([answer('a', { exact: 1 }), answer('a', { exact: 0 })])).toBe(true);
  expect(answersDisagree([answer('a', { judge: 3 }), answer('a', { judge: null })])).toBe(true);
  expect(answersDisagree([answer('a', { judge: 3 }), answer('a', {})])).toBe(true);
  expect(answersDisagree([answer(null, {}), answer('', {})])).toBe(true);
});

test('each answer is shown with its scores formatted for their unit, what the scorer read, its parts and the judge reason; prompts come from the suites', () => {
  const data = compareData(v2Record(), v2Predictions(), v2Suites());
  expect(data.models).toEqual([
    { name: FT, label: 'model' },
    { name: BASE, label: 'baseline' },
  ]);
  expect(data.suites).toEqual(['validation', 'general-knowledge']);
  const [v1, , v3, gk1, gk2] = data.examples;
  expect(v1!.answers[0]!.scores).toEqual([
    { scorer: 'rouge', text: '0.500', level: 'mid', parts: 'rouge1 0.600 · rouge2 0.250 · rougeL 0.500' },
    { scorer: 'judge', text: '4.00', level: 'high', notes: [['reason', 'Mentions <b>backoff</b> but not the cap.']] },
  ]);
  expect(v1!.prompt![0]).toEqual({ role: 'system', text: 'You answer questions about Pelican Queue.' });
  // Content parts: their text.
  expect(v3!.prompt).toEqual([{ role: 'user', text: 'Is it durable?' }]);
  expect(gk1!.answers[1]!.scores).toEqual([{ scorer: 'letter', text: '100.0%', level: 'high', predicted: 'B' }]);
  expect(gk2!.references).toEqual(['C', 'c']);
  expect(gk2!.answers[0]).toEqual({ reply: null, error: '500 Internal Server Error from https://api.example/v1/chat', cached: false, scores: [{ scorer: 'letter', text: 'not scored' }] });
  // Without the suites' examples the prompt is not known.
  expect(compareData(v2Record(), v2Predictions()).examples.map((e) => e.prompt)).toEqual([null, null, null, null, null]);
});

test('thousands of examples: the data is embedded once and the page grows with the text, not more', () => {
  const many = Array.from({ length: 3_000 }, (_, i) => [FT, BASE].map((model) => ({ ...v2Predictions()[2]!, model, id: `e${i}`, line: i + 1, reply: `reply ${i} ${model}` }))).flat();
  const page = comparePageHtml(v2Record(), many);
  expect((dataOf(page) as ReturnType<typeof compareData>).examples).toHaveLength(3_000);
  expect(page.split(`reply 2999 ${FT}`)).toHaveLength(2);
  expect(page.length).toBeLessThan(3_000_000);
});

// CI sets TUNESET_REQUIRE_BROWSER=1: there a missing browser fails instead of skipping.
const chromium = requireChromium();

describe.skipIf(!chromium.available)(chromium.title('the side-by-side page in chromium'), () => {
  test('opens with no console error and no request; the disagreement, suite and text filters change what is shown; hostile replies are text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneset-compare-'));
    const path = join(dir, 'compare.html');
    writeFileSync(path, comparePageHtml(v2Record(), v2Predictions(), v2Suites()));
    const many = join(dir, 'many.html');
    const predictions = Array.from({ length: 250 }, (_, i) => [FT, BASE].map((model) => ({ ...v2Predictions()[2]!, model, id: `e${i}`, line: i + 1, reply: i % 2 === 0 ? 'same' : model }))).flat();
    writeFileSync(many, comparePageHtml(v2Record(), predictions));

    await withBrowserPage({ width: 1300, height: 900 }, async ({ page, errors, requests, open }) => {
      const url = await open(path);
      const shown = () => page.locator('#compare-list article.cmp').count();
      const count = () => page.locator('#compare-count').textContent();
      expect([await shown(), await count()]).toEqual([5, '5 of 5 examples match']);
      expect(await page.locator('#scores table.scores tbody tr').count()).toBe(6);
      expect(await page.locator('#compare-list h3.suite').allTextContents()).toEqual(['validation', 'general-knowledge']);

      await page.check('#compare-disagree');
      expect([await shown(), await count()]).toEqual([3, '3 of 5 examples match']);
      expect(await page.locator('#compare-list article.cmp').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset['id']))).toEqual(['v1', 'v3', 'gk-2']);
      await page.selectOption('#compare-suite', 'general-knowledge');
      expect([await shown(), await count()]).toEqual([1, '1 of 5 examples match']);
      await page.uncheck('#compare-disagree');
      expect(await shown()).toBe(2);
      await page.selectOption('#compare-suite', '');
      await page.fill('#compare-search', 'onerror');
      expect(await shown()).toBe(1);
      // The hostile reply is shown as text, in the fine-tuned model's column; nothing was made of it.
      expect(await page.locator('#compare-list article.cmp .answer').first().locator('pre.reply').textContent()).toBe(HOSTILE);
      expect(await page.locator('#compare-list article.cmp .answer').nth(1).locator('.note').textContent()).toBe('reason: Too vague.');
      expect(await page.evaluate(() => [document.images.length, document.title])).toEqual([0, 'Evaluation of 20261123T110000Z-d33de7fd: side by side']);
      // The long prompt is folded; its whole text is there.
      const folded = page.locator('#compare-list article.cmp details.long');
      expect(await folded.locator('summary').textContent()).toMatch(/^How do retries work\? Long context\..*\.\.\. \(2,821 characters\)$/);

      // Many examples: a hundred at a time.
      const manyUrl = await open(many);
      expect([await shown(), await count()]).toEqual([100, '250 of 250 examples match; the first 100 are shown']);
      await page.click('#compare-more');
      expect(await shown()).toBe(200);
      await page.click('#compare-more');
      expect([await shown(), await page.locator('#compare-more').isHidden()]).toEqual([250, true]);
      await page.check('#compare-disagree');
      expect([await shown(), await count()]).toEqual([100, '125 of 250 examples match; the first 100 are shown']);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url, manyUrl]);
    });
  }, 60_000);
});
