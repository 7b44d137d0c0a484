// API keys look like `sk-...`, `sk-proj-...`, Azure's 32-hex keys; bearer headers carry any of them.
const KEY_PATTERNS = [/\bsk-[A-Za-z0-9_-]{8,}/g, /(Bearer\s+)[^\s"']+/gi, /("?api-key"?\s*[:=]\s*"?)[^\s"',}]+/gi];

/**
 * Removes secrets from text bound for a log, an error, a report or an output file: the known keys
 * themselves wherever they appear, and anything shaped like a key or an auth header.
 */
export const redactSecrets = (text: string, secrets: readonly (string | undefined)[] = []): string => {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[REDACTED]');
  out = out.replace(KEY_PATTERNS[0]!, 'sk-[REDACTED]');
  out = out.replace(KEY_PATTERNS[1]!, '$1[REDACTED]');
  return out.replace(KEY_PATTERNS[2]!, '$1[REDACTED]');
};
