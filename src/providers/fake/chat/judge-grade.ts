import { rougeScores } from '../../../train/eval/scorers/rouge-measures.js';

/**
 * Grades a judge request the way a judge roughly would, so the eval judge scorer's numbers against
 * the fake follow the answers: the grade grows with the words the answer shares with its best
 * reference (unigram F1), instead of a hashed integer. Recognised by shape only, as the eval judge
 * scorer writes it (src/train/eval/scorers/judge-prompt.ts): a last user message holding
 * `<reference>` blocks and then an `<answer>` block, each tag on its own line, and a json_schema
 * whose `score` is an integer with a minimum and maximum. Anything else is left as filled.
 */

/** Unigram F1 of two texts (clipped counts, rouge-score's tokens): ROUGE-1 F1, 0 when they share no word. */
export const wordOverlapF1 = (answer: string, reference: string): number => rougeScores(reference, answer).rouge1.fmeasure;

const ANSWER_OPEN = '<answer>\n';
const ANSWER_CLOSE = '\n</answer>';
const REFERENCE = /<reference>\n([\s\S]*?)\n<\/reference>/g;

/** The answer and the references of a judge request, or null when the text is not one. */
export const judgeParts = (userText: string): { answer: string; references: string[] } | null => {
  // The answer follows the last reference; the answer itself may hold any text, tags too.
  const open = userText.indexOf(ANSWER_OPEN, Math.max(0, userText.lastIndexOf('\n</reference>')));
  if (open < 0 || !userText.endsWith(ANSWER_CLOSE)) return null;
  const answer = userText.slice(open + ANSWER_OPEN.length, userText.length - ANSWER_CLOSE.length);
  // References sit after the conversation and before the answer; the conversation may quote anything.
  const before = userText.slice(0, open);
  const from = before.lastIndexOf('</conversation>');
  const references = [...before.slice(from < 0 ? 0 : from).matchAll(REFERENCE)].map((m) => m[1]!);
  return references.length > 0 ? { answer, references } : null;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The `score` integer's bounds in a judge's grade schema, or null when it has none. */
const scoreBounds = (schema: Obj): [number, number] | null => {
  const score = isObj(schema['properties']) ? (schema['properties'] as Obj)['score'] : undefined;
  if (!isObj(score) || score['type'] !== 'integer') return null;
  const lo = score['minimum'];
  const hi = score['maximum'];
  return typeof lo === 'number' && typeof hi === 'number' && Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi ? [lo, hi] : null;
};

/** `filled` (a schema-valid answer) with its score and reason set from word overlap, when this is a judge request. */
export const gradeJudgeRequest = (filled: unknown, schema: Obj, userText: string): unknown => {
  const bounds = scoreBounds(schema);
  const parts = bounds && isObj(filled) ? judgeParts(userText) : null;
  if (!bounds || !parts || !isObj(filled)) return filled;
  const overlap = Math.max(...parts.references.map((r) => wordOverlapF1(parts.answer, r)));
  const [lo, hi] = bounds;
  const score = lo + Math.round(overlap * (hi - lo));
  const reason = `The answer shares ${Math.round(overlap * 100)}% of its words with the closest reference (word-overlap F1).`;
  return { ...filled, ...(typeof filled['reason'] === 'string' ? { reason } : {}), score };
};
