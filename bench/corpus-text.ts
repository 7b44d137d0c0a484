// English-like text for the benchmark corpus: common English words mixed with a generated vocabulary,
// generated names and numbers, in sentences with punctuation. Everything comes from one seeded PRNG,
// so the same seed gives the same corpus byte for byte.

/** mulberry32 seeded through splitmix32: small, fast, and good enough for test data. */
export const createRandom = (seed: number) => {
  let s = seed >>> 0;
  s = (s + 0x9e3779b9) >>> 0;
  s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
  let state = (s ^ (s >>> 16)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
};

export type Random = ReturnType<typeof createRandom>;

// Function and logic-game words, as they occur in analytical-reasoning passages.
const COMMON = (
  'the of and to a in is that must be if then exactly one two three four five six seven each ' +
  'who which following could true false not no more than at least most before after immediately ' +
  'same different from on for with by as any other also only either or neither nor both all some ' +
  'none first second third fourth fifth last next day week morning afternoon schedule assigned ' +
  'selected chosen included group team member members position positions order between earlier ' +
  'later higher lower than its their there are were was has have does do can cannot would will ' +
  'any every another adjacent directly consecutive slot slots row seat seats floor report reports ' +
  'project projects candidate candidates speaker speakers session sessions color colors ' +
  'conditions condition apply applies following rules rule exactly precisely students student ' +
  'committee workers worker office offices building buildings city cities company companies ' +
  'performance performances concert concerts lecture lectures photograph photographs article ' +
  'articles editor editors panel panels judge judges dinner guests guest table tables seating ' +
  'arrangement arrangements meeting meetings Monday Tuesday Wednesday Thursday Friday Saturday ' +
  'north south east west left right above below under over near far small large old new red blue ' +
  'green yellow white black orange purple long short early late open closed single double ' +
  'scheduled displayed placed ranked listed visited performed reviewed interviewed recorded ' +
  'considered determined required allowed permitted assigned selected excluded included given ' +
  'should might may shall being been when where whether while unless although because since ' +
  'exhibit exhibits festival festivals film films song songs album albums book books shelf ' +
  'shelves house houses street streets train trains route routes stop stops flight flights ' +
  'truck trucks delivery deliveries package packages crate crates box boxes lab labs experiment ' +
  'experiments sample samples test tests year years month months hour hours minute minutes'
).split(' ');

const ONSETS = ['b', 'br', 'c', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'qu', 'r', 's', 'st', 'sh', 't', 'tr', 'th', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'ie', 'o', 'a', 'e'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'nd', 'st', 'rk', 'm', 'ng', 'x'];
const SUFFIXES = ['', '', '', '', 'ing', 'ed', 'er', 'ion', 'ly', 'ment', 'ous', 'able', 's'];

const syllable = (r: Random) => r.pick(ONSETS) + r.pick(VOWELS) + r.pick(CODAS);

const makeWord = (r: Random) => {
  const x = r.next();
  const n = x < 0.45 ? 1 : x < 0.9 ? 2 : 3;
  let w = '';
  for (let i = 0; i < n; i++) w += syllable(r);
  return w + r.pick(SUFFIXES);
};

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Draws from a Zipf-like distribution over `size` ranks (rank 0 most frequent). */
const zipfSampler = (r: Random, size: number, exponent = 1) => {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / (i + 1) ** exponent;
  return (): number => {
    const x = r.next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

export interface TextGenerator {
  passage(): string;
  question(cast: readonly string[]): string;
  options(count: number, cast: readonly string[]): string[];
  /** Names that recur within one passage and its questions, like a logic game's cast. */
  cast(): string[];
}

export const createTextGenerator = (r: Random, vocabularySize = 6000, nameCount = 800): TextGenerator => {
  const vocabulary = Array.from({ length: vocabularySize }, () => makeWord(r));
  const names = Array.from({ length: nameCount }, () => capitalize(syllable(r) + syllable(r)));
  const content = zipfSampler(r, vocabulary.length, 0.9);
  const common = zipfSampler(r, COMMON.length, 0.6);

  const word = (cast: readonly string[]): string => {
    const x = r.next();
    if (x < 0.74) return COMMON[common()]!;
    if (x < 0.91) return vocabulary[content()]!;
    if (x < 0.97) return r.pick(cast);
    return String(r.chance(0.8) ? r.int(1, 12) : r.int(1900, 2030));
  };

  const sentence = (cast: readonly string[], min: number, max: number, end: string): string => {
    const n = r.int(min, max);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = word(cast);
      if (i === 0) w = capitalize(w);
      if (i > 0 && i < n - 1 && r.chance(0.07)) w += r.chance(0.85) ? ',' : ';';
      words.push(w);
    }
    return words.join(' ') + end;
  };

  const cast = (): string[] => Array.from({ length: r.int(5, 9) }, () => r.pick(names));

  return {
    cast,
    passage() {
      const c = cast();
      const parts = [`${capitalize(r.pick(['exactly', 'seven', 'six', 'a', 'the']))} ${r.pick(COMMON)} ${c.slice(0, -1).join(', ')}, and ${c.at(-1)} ${sentence(c, 6, 14, '.').toLowerCase()}`];
      let length = parts[0]!.length;
      const target = r.int(850, 2100);
      while (length < target) {
        const s = sentence(c, 7, 22, '.');
        parts.push(s);
        length += s.length + 1;
      }
      return parts.join(' ');
    },
    question(c) {
      const lead = r.pick(['Which one of the following', 'If', 'Each of the following', 'How many', 'Which one of the following must be true if']);
      const body = sentence(c, 18, 52, r.chance(0.9) ? '?' : ':');
      return `${lead} ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
    },
    options(count, c) {
      return Array.from({ length: count }, () =>
        r.chance(0.25) ? `${r.pick(c)}, ${r.pick(c)}, ${r.pick(c)}` : sentence(c, 7, 26, '.'),
      );
    },
  };
};
