import type { TokenEncoder } from './tiktoken-encoder.js';
import { CachingEncoder } from './token-cache.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Counts a rendered chat as its special tokens (one token each) plus the text between them, each
 * piece counted on its own and cached. Exact for tokenizers that split the text at their added
 * tokens before anything else, as Hugging Face tokenizers do for added tokens without lstrip,
 * rstrip, single_word or normalization (every added token of the shipped tokenizers), and as
 * tiktoken does with its special tokens allowed. The pieces between special tokens repeat across
 * examples (a system prompt with its role header, an answer letter), so most are counted once.
 */
export const specialSplitEncoder = (specials: readonly string[], text: TokenEncoder): TokenEncoder => {
  // Longest first, so a token that is a prefix of another never wins over it.
  const pattern = new RegExp([...specials].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  const pieces = new CachingEncoder(text);
  return {
    count(s) {
      let n = 0;
      let from = 0;
      for (const match of s.matchAll(pattern)) {
        if (match.index > from) n += pieces.count(s.slice(from, match.index));
        n++;
        from = match.index + match[0].length;
      }
      if (s.length > from) n += pieces.count(s.slice(from));
      return n;
    },
  };
};
