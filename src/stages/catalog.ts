import type { z } from 'zod';
import type { DropCodes } from '../pipeline/drop-codes.js';
import { AnnotateOptionsSchema } from './annotate/annotate.js';
import { ANNOTATE_WITH_ERROR_CODES, AnnotateWithOptionsSchema } from './annotate/annotate-with.js';
import { ANNOTATE_DROP_CODES, ANNOTATE_ERROR_CODES } from './annotate/annotator.js';
import { JudgeOptionsSchema, JUDGE_DROP_CODES } from './annotate/judge.js';
import { LABELS_DROP_CODES, LabelsFromFileOptions } from './annotate/labels-options.js';
import { CleanOptions, CLEAN_DROP_CODES } from './clean/clean.js';
import { DecontaminateOptions, DECONTAMINATE_DROP_CODES } from './decontaminate/decontaminate.js';
import { DedupeOptions } from './dedupe/dedupe.js';
import { DEDUPE_DROP_CODES } from './dedupe/drop-codes.js';
import { ChatTemplateSchema, FORMAT_DROP_CODES, FORMAT_ERROR_CODES } from './format/to-chat.js';
import { ImportArLsatOptions, IMPORT_AR_LSAT_DROP_CODES } from './import/ar-lsat.js';
import { ImportCsvOptions, IMPORT_CSV_DROP_CODES } from './import/csv.js';
import { ImportEvalsOptions, IMPORT_EVALS_DROP_CODES } from './import/evals.js';
import { ImportJsonlOptions, IMPORT_JSONL_DROP_CODES } from './import/jsonl.js';
import { NearDedupeOptions, NEAR_DEDUPE_DROP_CODES } from './near-dedupe/near-dedupe.js';
import { RedactPiiOptions, REDACT_PII_DROP_CODES } from './pii/redact-pii.js';
import { QualityOptions } from './quality/options.js';
import { QUALITY_DROP_CODES } from './quality/rules.js';
import { SCRAPE_DROP_CODES } from './scrape/drop-codes.js';
import { ScrapeOptionsSchema } from './scrape/options.js';
import { SectionsOptions, SECTIONS_DROP_CODES } from './sections/sections.js';
import { SplitOptions } from './split/split.js';
import { TokenCheckOptions, TOKEN_CHECK_DROP_CODES } from './token-check/token-check.js';
import { ValidateChatOptions, VALIDATE_CHAT_DROP_CODES } from './validate/validate-chat.js';

/** One source or stage as documented: docs/reference.md and `tuneset stages` are rendered from these. */
export interface CatalogEntry {
  /** The stage name in manifests, rejected.jsonl and the end-of-run table. */
  name: string;
  /** The factory a pipeline calls, as exported from 'tuneset'. */
  factory: string;
  kind: 'source' | 'transform';
  /** One line: what it does. */
  summary: string;
  /** What else a pipeline author must know: ordering, groups, reports. */
  notes?: string;
  options: z.ZodType;
  dropCodes: DropCodes;
  /** Codes of error entries (a record that failed for a reason other than its data), in rejected.jsonl's detail.code. */
  errorCodes?: DropCodes;
}

const NO_CODES: DropCodes = {};

/** Sources first, then the stages in the order a pipeline usually has them. */
export const CATALOG: readonly CatalogEntry[] = [
  {
    name: 'import-ar-lsat',
    factory: 'importArLsat',
    kind: 'source',
    summary: 'AR-LSAT JSON (`[{id, passage, questions: [...]}]`), streamed: one item per question, grouped by passage.',
    notes:
      "An item's id is the question's own id and its group the passage id, so a passage's questions land in the same split. " +
      'A syntax error in the JSON array is fatal and names the file, line and column.',
    options: ImportArLsatOptions,
    dropCodes: IMPORT_AR_LSAT_DROP_CODES,
  },
  {
    name: 'import-jsonl',
    factory: 'importJsonl',
    kind: 'source',
    summary: 'Any JSONL of objects, with the fields to keep mapped by dotted path: one item per line.',
    options: ImportJsonlOptions,
    dropCodes: IMPORT_JSONL_DROP_CODES,
  },
  {
    name: 'import-csv',
    factory: 'importCsv',
    kind: 'source',
    summary: 'CSV with a header row, streamed through csv-parse: one item per row, `data` holding the mapped columns as strings.',
    notes: 'Quoted fields with commas and line breaks, a BOM and CRLF are read. A mapped column the header lacks, or a broken quote, is fatal.',
    options: ImportCsvOptions,
    dropCodes: IMPORT_CSV_DROP_CODES,
  },
  {
    name: 'import-evals',
    factory: 'importEvals',
    kind: 'source',
    summary: 'OpenAI evals JSONL (`{"input": [chat messages], "ideal": "C"}`, the LogiEval format): one item per line.',
    notes: 'The id is `<file basename>:<line>` unless the line carries its own `id`.',
    options: ImportEvalsOptions,
    dropCodes: IMPORT_EVALS_DROP_CODES,
  },
  {
    name: 'scrape',
    factory: 'scrape',
    kind: 'source',
    summary: 'Crawls websites with Crawlee, politely by default: one item per page with text, markdown and provenance.',
    notes:
      'The item id is the normalised URL after redirects. robots.txt is respected and request starts are paced per host. ' +
      'The crawl state (resume after a kill, conditional re-fetch, change marks) lives under the cache directory.',
    options: ScrapeOptionsSchema,
    dropCodes: SCRAPE_DROP_CODES,
  },
  {
    name: 'sections',
    factory: 'sections',
    kind: 'transform',
    summary: 'Splits each crawled page into its sections by heading: one item per section, grouped by page.',
    notes: 'A page of 3 sections is 1 in, 2 expanded, 3 out. Text before the first heading becomes a section headed by the page title.',
    options: SectionsOptions,
    dropCodes: SECTIONS_DROP_CODES,
  },
  {
    name: 'redact-pii',
    factory: 'redactPii',
    kind: 'transform',
    summary: 'Finds emails, phone numbers, IP addresses, payment cards, IBANs and secrets, and redacts them or drops the record.',
    notes:
      'Placeholders: `<EMAIL>`, `<PHONE>`, `<IP_ADDRESS>`, `<CARD>`, `<IBAN>`, `<SECRET>`; counts per kind in the manifest. ' +
      'Put it right after the source, so that no later drop stores a record with its PII.',
    options: RedactPiiOptions,
    dropCodes: REDACT_PII_DROP_CODES,
  },
  {
    name: 'clean',
    factory: 'clean',
    kind: 'transform',
    summary: 'Normalises text fields (NFC, invisible and control characters, whitespace, trimming) and filters them by length.',
    options: CleanOptions,
    dropCodes: CLEAN_DROP_CODES,
  },
  {
    name: 'quality',
    factory: 'qualityFilter',
    kind: 'transform',
    summary: 'Heuristic quality rules after Gopher and C4, each with its own drop code and each switched off with `false` or `null`.',
    notes: 'Rules about lines, paragraphs and n-gram repetition apply only to long texts, so short curated items pass.',
    options: QualityOptions,
    dropCodes: QUALITY_DROP_CODES,
  },
  {
    name: 'decontaminate',
    factory: 'decontaminate',
    kind: 'transform',
    summary: 'Drops training items that overlap an evaluation set, even when reformatted: word n-gram overlap after normalisation.',
    notes: 'Texts shorter than n words are matched whole. Put it before dedupe, so every contaminated copy is reported as contaminated.',
    options: DecontaminateOptions,
    dropCodes: DECONTAMINATE_DROP_CODES,
  },
  {
    name: 'dedupe',
    factory: 'dedupe',
    kind: 'transform',
    summary: 'Exact dedupe on a hash of the named fields, normalised (whitespace collapsed and case folded unless switched off).',
    notes: "A duplicate's group is united with the kept item's, so a duplicated passage never straddles the split. Sets `meta.contentHash`.",
    options: DedupeOptions,
    dropCodes: DEDUPE_DROP_CODES,
  },
  {
    name: 'near-dedupe',
    factory: 'nearDedupe',
    kind: 'transform',
    summary: 'Near-duplicate dedupe: MinHash over word shingles with LSH banding, clusters by union-find, one member kept.',
    notes: 'Cluster members share a group, so near-duplicates never straddle train and validation. Emits in input order.',
    options: NearDedupeOptions,
    dropCodes: NEAR_DEDUPE_DROP_CODES,
  },
  {
    name: 'annotate',
    factory: 'annotate',
    kind: 'transform',
    summary: 'LLM annotation with structured outputs: one chat request per record (any OpenAI-compatible endpoint), the parsed answer merged into meta, data, or messages.',
    notes:
      'A barrier: it prices every request before the first call (exact input tokens, output at maxTokens) and never sends one that could pass maxCost. ' +
      'Answers are cached by content in <cache>/annotations/answers.jsonl (request written before it is sent, answer when it arrives): a re-run or a run after a crash pays only for what it does not have. ' +
      "mode: 'batch' goes through the Batch API with the same cache entries. Invalid answers are asked again `retries` times, then are error entries (detail.code: invalid_json, schema_mismatch, truncated, refused, request_failed) within maxErrors. " +
      '`keep` may drop with codes of your own. The report gives requests, cache hits, usage, actual cost (cached answers at zero), the estimate and the limit.',
    options: AnnotateOptionsSchema,
    dropCodes: ANNOTATE_DROP_CODES,
    errorCodes: ANNOTATE_ERROR_CODES,
  },
  {
    name: 'judge',
    factory: 'judge',
    kind: 'transform',
    summary: 'An LLM judge: scores each example against a rubric with a short reason, keeps `{ score, reason }` in meta under the stage name, drops scores below `min`.',
    notes: 'Same cache, budget, limits and batch mode as annotate; its options are annotate\'s plus rubric, scale and min.',
    options: JudgeOptionsSchema,
    dropCodes: JUDGE_DROP_CODES,
    errorCodes: ANNOTATE_ERROR_CODES,
  },
  {
    name: 'annotate-with',
    factory: 'annotateWith',
    kind: 'transform',
    summary: 'A rule annotator: a plain function per record whose fields are merged as an LLM annotation is (into meta, data, or a function).',
    notes:
      'Streams; no model, cache or budget. label returns an object of JSON fields, or undefined (or {}) to leave the record unchanged (a function `into` is still called, with {}). ' +
      'A label that throws or returns anything else is an error entry naming the record, within maxErrors. ' +
      '`keep` may drop with codes of your own. Several in one pipeline each need their own `name`. The report counts labelled and unlabelled records and each field\'s values (up to 20 distinct).',
    options: AnnotateWithOptionsSchema,
    dropCodes: NO_CODES,
    errorCodes: ANNOTATE_WITH_ERROR_CODES,
  },
  {
    name: 'labels-from-file',
    factory: 'labelsFromFile',
    kind: 'transform',
    summary: "Joins human labels from a file by key: a spreadsheet's CSV, JSONL, Label Studio's JSON export or Argilla's export, merged like any annotation (`into`).",
    notes:
      'The whole file is read before the first record: a key or label column it does not have stops the run there, naming the columns it has. ' +
      'Rows without a key, duplicate keys (counted once) and conflicting labels (two rows, or two annotators of one task, that disagree) are reported by file and line; ' +
      'after the input, so are the keys no record had. Cancelled Label Studio annotations, predictions, and Argilla draft or discarded responses are not labels. ' +
      'The report counts rows, keys, matched, unlabeled, unmatched, duplicates and conflicts.',
    options: LabelsFromFileOptions,
    dropCodes: LABELS_DROP_CODES,
  },
  {
    name: 'format',
    factory: 'toChat',
    kind: 'transform',
    summary: 'Maps an item to a chat example: the system prompt, the user turn, the assistant turn.',
    options: ChatTemplateSchema,
    dropCodes: FORMAT_DROP_CODES,
    errorCodes: FORMAT_ERROR_CODES,
  },
  {
    name: 'validate-chat',
    factory: 'validateChat',
    kind: 'transform',
    summary: "Keeps examples OpenAI would accept as training lines; the code is the first issue's category (the cookbook's names).",
    notes: 'After the run it validates the written files again (`invalid_n_examples` among others); that report gates training.',
    options: ValidateChatOptions,
    dropCodes: VALIDATE_CHAT_DROP_CODES,
  },
  {
    name: 'token-check',
    factory: 'tokenCheck',
    kind: 'transform',
    summary: "Counts every example's tokens exactly with the pipeline model's encoding and enforces the per-example limit.",
    notes: 'After the files are written it reports tokens per split, billed tokens for the epochs and the cost estimate.',
    options: TokenCheckOptions,
    dropCodes: TOKEN_CHECK_DROP_CODES,
  },
  {
    name: 'split',
    factory: 'split',
    kind: 'transform',
    summary: 'Assigns whole groups to train/validation/test, stratified by a meta field and seeded; drops nothing.',
    notes:
      'A barrier: record bodies wait in a spool file. Output order inside a split is a seeded hash, so input order does not matter. ' +
      'By default groups are balanced greedily (largest first, by size and label), so adding or removing one group can move others between splits; ' +
      'for a dataset rebuilt over time use `stable: true`: each group is placed by sha256(seed:group key) read as u in [0, 1) (validation below `validation`, test at or above 1 - `test`, train between), ' +
      'so other groups never move it and the same inputs still give byte-identical files, but the shares hold only on average (binomial) and `stratify` is refused.',
    options: SplitOptions,
    dropCodes: NO_CODES,
  },
];

/** A catalog entry by stage name or factory name (`format` or `toChat`). */
export const findCatalogEntry = (name: string): CatalogEntry | undefined => CATALOG.find((e) => e.name === name || e.factory === name);
