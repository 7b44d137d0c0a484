import { expect, test } from 'vitest';
import { arLsatGameScores, arLsatGameType } from '../../../src/stages/annotate/ar-lsat-game-type.js';

// Passages written for these tests, in the style of logic-game setups.
const ORDERING =
  'A caterer serves six courses—soup, salad, fish, sorbet, lamb, and cake—one at a time, at a single dinner. ' +
  'The order of the courses must satisfy the following: The fish is served at some time before the lamb. The cake is served last.';
const GROUPING =
  'A coach will select exactly four of seven swimmers—Ada, Bo, Cy, Di, Ed, Flo, and Gus—for a relay team. ' +
  'If Ada is selected, Bo is not. At least one of Cy and Di is selected.';
const ASSIGNMENT =
  'Six tenants—Hal, Ida, Jo, Kit, Lu, and Mo—are each assigned exactly one of three parking levels: upper, middle, and lower. ' +
  'No two tenants who share an apartment park on the same level. Hal parks on the upper level.';
const HYBRID =
  'Six runners are divided into two teams of three. Within each team, the runners run one after another, ' +
  'and the order must meet these conditions: Pat runs before Quin. At least one of Ray and Sol is on the first team.';

test('each family from the words of its setup', () => {
  expect([ORDERING, GROUPING, ASSIGNMENT, HYBRID].map(arLsatGameType)).toEqual(['ordering', 'grouping', 'assignment', 'hybrid']);
});

test('scores: strong cues 2, weak ones 1, each counted once however often it occurs', () => {
  // one at a time 2, order 2, first ... last 0 (no "first"), before 1 = 5
  expect(arLsatGameScores(ORDERING)).toEqual({ ordering: 5, grouping: 0, assignment: 0 });
  // select 2, team 2, exactly four of 1, at least 1
  expect(arLsatGameScores(GROUPING)).toEqual({ ordering: 0, grouping: 6, assignment: 0 });
  const repeats = 'Kim arrives before Lee. Lee arrives before Max. Max arrives before Ned. Ned arrives before Oz.';
  expect(arLsatGameScores(repeats)).toEqual({ ordering: 1, grouping: 0, assignment: 0 });
  // One weak cue is no setup: unknown, not ordering.
  expect(arLsatGameType(repeats)).toBe('unknown');
});

test('unknown: no cue at all, or two families tied on one strong cue each', () => {
  expect(arLsatGameType('A gardener keeps eleven tools in a shed and lends some of them to a neighbour.')).toBe('unknown');
  expect(arLsatGameScores('Three volunteers are chosen, and each is assigned a badge.')).toEqual({ ordering: 0, grouping: 2, assignment: 2 });
  expect(arLsatGameType('Three volunteers are chosen, and each is assigned a badge.')).toBe('unknown');
});

test('case and line breaks do not matter; "in order to" is not an ordering cue', () => {
  expect(arLsatGameType('FIVE trains leave ONE AT A TIME,\nin   ORDER.')).toBe('ordering');
  expect(arLsatGameScores('In order to save money, a club will select exactly three of its nine members.')).toEqual({ ordering: 0, grouping: 4, assignment: 0 });
});

test('day names, numbered ranges and "first ... last" in one sentence are ordering cues', () => {
  expect(arLsatGameScores('Talks are given Monday through Friday.').ordering).toBe(2);
  expect(arLsatGameScores('Decks are built in week 1 through week 7.').ordering).toBe(2 + 1);
  expect(arLsatGameScores('Lockers are numbered 1 through 6.').ordering).toBe(2 + 1);
  expect(arLsatGameScores('The first dog shown is the oldest, and the last is the youngest.').ordering).toBe(2);
  expect(arLsatGameScores('The first dog is old. The last dog is young.').ordering).toBe(0);
});

test("a passage's questions in a row, and passages taking turns, each get their own passage's type", () => {
  // The last passage's type is kept for the next question: equal text answers from it, other text never does.
  const copy = (s: string) => [...s].join('');
  const asked = [ORDERING, copy(ORDERING), ORDERING, GROUPING, ORDERING, ASSIGNMENT, copy(ASSIGNMENT), HYBRID, GROUPING];
  expect(asked.map(arLsatGameType)).toEqual(['ordering', 'ordering', 'ordering', 'grouping', 'ordering', 'assignment', 'assignment', 'hybrid', 'grouping']);
  // Other text as long as the last passage is still other text.
  expect(GROUPING.length).toBeLessThan(ORDERING.length);
  expect([ORDERING, GROUPING.padEnd(ORDERING.length)].map(arLsatGameType)).toEqual(['ordering', 'grouping']);
});
