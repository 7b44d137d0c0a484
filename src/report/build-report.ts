import { findReport } from '../pipeline/manifest.js';
import { isRecord } from '../pipeline/item.js';
import { runSplits } from '../runs/run-examples.js';
import type { ReportData } from './collect-report.js';
import { fmt, usd } from './html.js';
import { page } from './page.js';
import { costSection } from './section-cost.js';
import { diffSection } from './section-diff.js';
import { duplicatesSection } from './section-duplicates.js';
import { flowSection } from './section-flow.js';
import { labelsSection } from './section-labels.js';
import { provenanceSection } from './section-provenance.js';
import { samplesSection } from './section-samples.js';
import { tokensSection } from './section-tokens.js';
import { evalSection, trainingSection } from './section-training.js';

export const SECTIONS: readonly [string, string][] = [
  ['flow', 'Stages'],
  ['tokens', 'Tokens'],
  ['labels', 'Splits and labels'],
  ['duplicates', 'Duplicates'],
  ['cost', 'Cost'],
  ['provenance', 'Provenance'],
  ['training', 'Training'],
  ['eval', 'Evaluation'],
  ['diff', 'Diff'],
  ['samples', 'Examples'],
];

/** report.html from what collectReport read: one self-contained page, every value escaped. */
export const buildReportHtml = (d: ReportData): string => {
  const m = d.manifest;
  const splits = runSplits(m);
  const bySplit = Object.keys(d.meta.bySplit).length > 0 ? d.meta.bySplit : Object.fromEntries(splits.map((s) => [s, m.files[`${s}.jsonl`]?.lines ?? 0]));
  const splitReport = findReport(m, 'shares');
  const targets = isRecord(splitReport?.['targets']) ? (splitReport['targets'] as Record<string, number>) : undefined;
  const dropped = m.stages.reduce((n, s) => n + (s.dropped['over_token_limit'] ?? 0), 0);
  const tokens = Object.values(d.tokenReport?.splits ?? {}).reduce((n, s) => n + s.tokens.total, 0);
  const examples = Object.values(bySplit).reduce((a, b) => a + b, 0);
  return page({
    title: `${m.pipeline}: run report`,
    subtitle: `run ${m.runId} · ${m.provider ?? 'openai'}:${m.model} · report built ${d.builtAt}`,
    cards: [
      ['examples', fmt(examples)],
      ...splits.map((s): [string, string] => [s, fmt(bySplit[s] ?? 0)]),
      ['tokens', tokens > 0 ? fmt(tokens) : '—'],
      ['estimated cost', usd(d.preview.estimatedCostUsd)],
      ['dataset hash', m.dataset ? m.dataset.hash.slice(0, 12) : '—'],
    ],
    nav: SECTIONS,
    sections: [
      flowSection(m.stages, d.rejected),
      tokensSection({ report: d.tokenReport, limit: d.tokenLimit, counts: d.meta.tokenCounts, overLimit: d.rejected.overLimitTokens, droppedOverLimit: dropped, flaggedOverLimit: d.meta.flaggedOverLimit, splits }),
      labelsSection(bySplit, splits, d.meta.labels, targets),
      duplicatesSection(d.rejected, findReport(m, 'cutoff')),
      costSection(d.preview),
      provenanceSection(m, d.crawl ? { summary: d.crawl, pages: d.meta.pages, pagesUntracked: d.meta.pagesUntracked, robotsDisallowed: d.rejected.robotsDisallowed } : undefined),
      trainingSection(d.training),
      evalSection(d.evaluation),
      diffSection(d.previous),
      samplesSection(d.samples, bySplit),
    ],
  });
};
