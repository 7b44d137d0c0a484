import { z } from 'zod';
import type { ChatWireMessage } from '../../../chat/chat-transport.js';
import { renderForJudge } from '../../../stages/annotate/judge.js';
import type { ScoringItem } from '../scorer-types.js';

/**
 * In the judge scorer's version string: bump it whenever the wording or layout below changes, so
 * grades given under another prompt are never compared with these.
 */
export const JUDGE_PROMPT_VERSION = 1;

/** The reason first, so the model explains before it grades (as the pipeline's judge stage asks). */
export const gradeSchema = ([lo, hi]: readonly [number, number]) => z.object({ reason: z.string(), score: z.int().min(lo).max(hi) });

export type Grade = z.output<ReturnType<typeof gradeSchema>>;

/** The rubric and the scale, the same for every answer: the system message. */
const judgeSystem = (rubric: string, [lo, hi]: readonly [number, number]): string =>
  `You are a strict grader of a model's answers. Grade the answer from ${lo} (worst) to ${hi} (best) against this rubric:\n${rubric}\n` +
  'The conversation the model answered is in <conversation>, the reference answer in <reference> (when there are several, ' +
  'each one is a correct answer), and the model\'s answer in <answer>. Give a one-sentence reason, then the score.';

/**
 * One answer to grade: the conversation up to the answer, each reference, then the answer, each in
 * its own tag on its own lines, so a reader (or the fake server) can take them apart.
 */
export const judgeUserMessage = (item: Pick<ScoringItem, 'prompt' | 'references' | 'reply'>): string =>
  [
    `<conversation>\n${renderForJudge({ messages: item.prompt })}\n</conversation>`,
    ...item.references.map((reference) => `<reference>\n${reference}\n</reference>`),
    `<answer>\n${item.reply}\n</answer>`,
  ].join('\n\n');

export const judgeMessages = (rubric: string, scale: readonly [number, number], item: Pick<ScoringItem, 'prompt' | 'references' | 'reply'>): ChatWireMessage[] => [
  { role: 'system', content: judgeSystem(rubric, scale) },
  { role: 'user', content: judgeUserMessage(item) },
];
