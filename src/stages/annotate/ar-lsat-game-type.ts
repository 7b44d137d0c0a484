/** The families of LSAT logic games, as their setups name them, plus the two a keyword count cannot settle. */
export type ArLsatGameType = 'ordering' | 'grouping' | 'assignment' | 'hybrid' | 'unknown';

type Family = 'ordering' | 'grouping' | 'assignment';

interface Cue {
  pattern: RegExp;
  weight: number;
}

const NUMBER = '(?:one|two|three|four|five|six|seven|eight|nine|ten|\\d+)';
const ORDINAL = '(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)';
const GROUP_NOUN = '(?:groups?|teams?|committees?|panels?|crews?|delegations?|sets?)';

/**
 * Words and phrases of each family's setup. A cue counts once per passage, however often it occurs,
 * so a long list of conditions repeating "before" does not outweigh a setup that says "selected".
 * Strong cues (2) name the task ("in the order", "are selected", "is assigned"); weak ones (1) are
 * constraint vocabulary that other families use too ("before", "at least").
 */
const CUES: Record<Family, Cue[]> = {
  ordering: [
    { pattern: /\border(?:ed|ing)?\b(?! to\b)/, weight: 2 },
    { pattern: /\bsequen(?:ce|ces|tial|tially)\b/, weight: 2 },
    { pattern: /\bconsecutive(?:ly)?\b/, weight: 2 },
    { pattern: /\brank(?:s|ed|ing|ings)?\b/, weight: 2 },
    { pattern: /\b(?:positions?|slots?)\b/, weight: 2 },
    { pattern: /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/, weight: 2 },
    { pattern: /\bone (?:at a time|after (?:another|the other))\b/, weight: 2 },
    { pattern: new RegExp(`\\bfirst\\b[^.]*\\b${ORDINAL}\\b`), weight: 2 },
    { pattern: /\b(?:\d+|first|week \d+|day \d+) through (?:\d+|week \d+|day \d+|[a-z]+th)\b/, weight: 2 },
    { pattern: /\b(?:immediately )?(?:before|after)\b/, weight: 1 },
    { pattern: /\b(?:earlier|later|earliest|latest)\b/, weight: 1 },
    { pattern: /\b(?:schedul(?:e|ed|es|ing)|days?|weeks?|years?)\b/, weight: 1 },
    { pattern: /\b(?:in a row|rows?|left to right|right to left|west to east|east to west)\b/, weight: 1 },
    { pattern: /\b(?:next to|adjacent|neighbou?ring)\b/, weight: 1 },
    { pattern: /\b(?:lower|higher)-numbered\b|\bnumbered\b/, weight: 1 },
    { pattern: /\b(?:highest|lowest)\b/, weight: 1 },
  ],
  grouping: [
    { pattern: /\bselect(?:s|ed|ing|ion)?\b/, weight: 2 },
    { pattern: /\b(?:choose|chooses|chose|chosen)\b/, weight: 2 },
    { pattern: new RegExp(`\\b${GROUP_NOUN}\\b`), weight: 2 },
    { pattern: /\b(?:divided|split|distributed) (?:among|between|into)\b/, weight: 2 },
    { pattern: new RegExp(`\\bexactly ${NUMBER} of\\b`), weight: 1 },
    { pattern: /\bat (?:least|most)\b/, weight: 1 },
    { pattern: /\b(?:included?|excluded?|not both)\b/, weight: 1 },
    { pattern: /\bmembers?\b/, weight: 1 },
  ],
  assignment: [
    { pattern: /\bassign(?:s|ed|ing|ment|ments)?\b/, weight: 2 },
    { pattern: /\bmatch(?:es|ed|ing)?\b/, weight: 2 },
    { pattern: /\beach\b[^.]*\bexactly one\b/, weight: 2 },
    { pattern: /\bno two\b/, weight: 1 },
  ],
};

/** Below this no family has a setup of its own in the passage (one strong cue reaches it). */
const MIN_SCORE = 2;
/** Two families this strong (a strong cue and a weak one each, say) make the game a hybrid. */
const HYBRID_SCORE = 3;

/** Each family's score: the weights of its cues found in the passage (lower-cased). */
export function arLsatGameScores(passage: string): Record<Family, number> {
  const text = passage.toLowerCase().replace(/\s+/g, ' ');
  const score = (cues: readonly Cue[]) => cues.reduce((sum, cue) => sum + (cue.pattern.test(text) ? cue.weight : 0), 0);
  return { ordering: score(CUES.ordering), grouping: score(CUES.grouping), assignment: score(CUES.assignment) };
}

/**
 * The game type of an AR-LSAT passage from its keywords: `ordering` (a sequence: days, slots,
 * before/after), `grouping` (a selection or a split into groups), `assignment` (each item matched
 * with exactly one of something), `hybrid` when two families both score high, `unknown` when none
 * does or two tie on one cue each. A heuristic over the setup's words, for reporting and
 * stratifying, not grading: on the 360 passages of AR-LSAT's train, development and test files it
 * finds 177 ordering, 57 grouping, 25 assignment, 25 hybrid and 76 unknown (circular seating,
 * networks, bonuses and the like).
 */
export function arLsatGameType(passage: string): ArLsatGameType {
  if (last?.passage === passage) return last.type;
  const type = typeOf(arLsatGameScores(passage));
  last = { passage, type };
  return type;
}

// A passage's questions come one after another (about six of them), so the last answer is asked
// for again and again: kept, the ~30 cue scans run once per passage instead of once per question.
let last: { passage: string; type: ArLsatGameType } | undefined;

const typeOf = (scores: Record<Family, number>): ArLsatGameType => {
  const ranked = (Object.entries(scores) as [Family, number][]).sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked as [[Family, number], [Family, number]];
  if (top[1] < MIN_SCORE) return 'unknown';
  if (second[1] >= HYBRID_SCORE) return 'hybrid';
  // Two families tied on one strong cue each: the words do not say which game it is.
  if (second[1] === top[1]) return 'unknown';
  return top[0];
};
