export { qualityFilter } from './quality-filter.js';
export { DEFAULT_BOILERPLATE, DEFAULT_DUPLICATE_NGRAM_SHARE, DEFAULT_TOP_NGRAM_SHARE, QualityOptions } from './options.js';
export { guessLanguage, type LanguageGuess } from './language.js';
export { measure, type TextStats } from './measure.js';
