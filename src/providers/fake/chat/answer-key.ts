import { sha256 } from '../../../pipeline/hash.js';
import { optionLetters } from './lettered-prompt.js';

/**
 * The answer key, given EXPLICITLY by whoever starts the fake: the correct letter of an
 * AR-LSAT-style prompt, or the reference answer of a free-text prompt (a docs-qa question). The
 * fake never reads answers out of uploaded training or validation files on its own: a fine-tuned
 * model's better score is a rehearsal device that proves the plumbing (upload → job → model →
 * evaluation) end to end, not evidence that anything was learned.
 *
 * Keys are the user message text (trimmed) or its `answerKeyHash`, so a key can be shared without
 * the question text. A value of one letter (A-J, either case) is a letter, kept upper-case; any
 * other value is a reference text, kept as written (trimmed).
 */
export type AnswerKeyInput = Map<string, string> | Record<string, string> | Iterable<readonly [string, string]>;

const normalize = (text: string) => text.replace(/\r\n/g, '\n').trim();

export const answerKeyHash = (userText: string): string => sha256(normalize(userText));

const normalizeValue = (value: string): string => (/^\s*[A-Ja-j]\s*$/.test(value) ? value.trim().toUpperCase() : normalize(value));

export const toAnswerKeyMap = (input: AnswerKeyInput | undefined): Map<string, string> => {
  if (input === undefined) return new Map();
  const entries: Iterable<readonly [string, string]> =
    input instanceof Map || Symbol.iterator in Object(input) ? (input as Iterable<readonly [string, string]>) : Object.entries(input as Record<string, string>);
  const map = new Map<string, string>();
  for (const [key, value] of entries) map.set(normalizeKey(key), normalizeValue(value));
  return map;
};

/** A 64-hex key is a hash; anything else is question text. */
const normalizeKey = (key: string) => (/^[0-9a-f]{64}$/.test(key) ? key : normalize(key));

export const lookupAnswer = (key: ReadonlyMap<string, string>, userText: string): string | undefined =>
  key.get(normalize(userText)) ?? key.get(answerKeyHash(userText));

const parseLine = (line: string, n: number): unknown => {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new Error(`line ${n} is not JSON: ${(error as Error).message}`);
  }
};

/**
 * Builds a key from chat JSONL (e.g. a held-out evaluation set): the last user message of each line
 * maps to the last assistant message, when that is a single letter or, for a prompt that letters no
 * options, any text (the free-text reference). An explicit helper, for callers that decide the fake
 * may know those answers. A line that is not JSON throws, naming the line.
 */
export const answerKeyFromChatJsonl = (jsonl: string): Map<string, string> => {
  const map = new Map<string, string>();
  for (const [i, line] of jsonl.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const messages = (parseLine(line, i + 1) as { messages?: { role?: string; content?: unknown }[] }).messages ?? [];
    const user = messages.filter((m) => m.role === 'user').at(-1)?.content;
    const answer = messages.filter((m) => m.role === 'assistant').at(-1)?.content;
    if (typeof user !== 'string' || typeof answer !== 'string') continue;
    if (/^[A-J]$/.test(answer.trim())) map.set(normalize(user), answer.trim());
    // A lettered prompt is keyed by its letter only, as before free-text keys: its other answers stay unkeyed.
    else if (answer.trim() !== '' && optionLetters(user).length === 0) map.set(normalize(user), normalize(answer));
  }
  return map;
};
