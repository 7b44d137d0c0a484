/**
 * What is removed, and why this much and no more:
 *
 * - The keys this process was given (`secretsFromEnv`: OPENAI_API_KEY and AZURE_OPENAI_API_KEY),
 *   by value, every occurrence, in any context. This is what covers a bare Azure key: a 32-hex key
 *   has no shape of its own to find it by.
 * - Anything shaped like an OpenAI key (`sk-...`, `sk-proj-...`), the value of a bearer header
 *   (`Bearer`, `bearer`, any case) and of an `api-key` header or field.
 * - A run of exactly 32 hex digits only when "key" comes shortly before it on the same line
 *   ("Incorrect API key provided: 0123...", "subscription key 0123..."): an Azure key that is not
 *   ours but was echoed back. A bare 32-hex run elsewhere is far more often an md5 of content or a
 *   request or trace id, which logs exist to show, so it is kept; a sha256 (64 hex) never matches.
 */
const OPENAI_KEY = /\bsk-[A-Za-z0-9_-]{8,}/g;
const BEARER = /(Bearer\s+)[^\s"']+/gi;
const API_KEY_FIELD = /("?api-key"?\s*[:=]\s*"?)[^\s"',}]+/gi;
// "key" as a word or in api_key/apikey, then at most 24 characters on the same line, then the hex.
const HEX_KEY_NEAR_KEY_WORD = /((?:api|(?<![a-z]))key(?![a-z])[^\n]{0,24}?)(?<![0-9a-z])[0-9a-f]{32}(?![0-9a-z])/gi;

/** The API keys in an environment, to be removed by value wherever they appear. */
export const secretsFromEnv = (env: NodeJS.ProcessEnv): (string | undefined)[] => [env['OPENAI_API_KEY'], env['AZURE_OPENAI_API_KEY'], env['TOGETHER_API_KEY'], env['FIREWORKS_API_KEY'], env['NEBIUS_API_KEY']];

/**
 * Removes secrets from text bound for a log, an error, a report or an output file: the known keys
 * themselves wherever they appear, and anything shaped like a key or an auth header (see above).
 */
export const redactSecrets = (text: string, secrets: readonly (string | undefined)[] = []): string => {
  let out = text;
  // Short values would erase ordinary words; no real key is this short.
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[REDACTED]');
  return out
    .replace(OPENAI_KEY, 'sk-[REDACTED]')
    .replace(BEARER, '$1[REDACTED]')
    .replace(API_KEY_FIELD, '$1[REDACTED]')
    .replace(HEX_KEY_NEAR_KEY_WORD, '$1[REDACTED]');
};
