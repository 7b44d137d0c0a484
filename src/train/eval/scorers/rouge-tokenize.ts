/**
 * rouge-score's DefaultTokenizer without the stemmer (its default, use_stemmer=False): lower-case,
 * every run of characters outside [a-z0-9] becomes a space, split on whitespace, keep only
 * [a-z0-9]+ tokens. So punctuation separates words ("don't" is "don" and "t") and anything not
 * ASCII letters or digits is dropped, as in Google's reference implementation.
 */
export const rougeTokens = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((token) => /^[a-z0-9]+$/.test(token));
