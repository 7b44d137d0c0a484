import { hashSeed } from '../random.js';
import { quote, type TextHints } from './prompt-words.js';

/**
 * Well-formed strings for JSON schema `format`s: the ones strict Structured Outputs accept
 * (date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid) and the others zod 4 writes
 * (uri, cuid, base64, e164, nanoid, ulid, cidr, hex, emoji). Fixed by a hash of the prompt and the
 * field's path, never by the clock, so a batch answers as the live endpoint did.
 */
const DAY_MS = 86_400_000;
const EPOCH_2024 = Date.UTC(2024, 0, 1);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` characters of `alphabet` drawn from hashes of `key`. */
const drawn = (key: string, length: number, alphabet: string): string =>
  Array.from({ length }, (_, i) => alphabet.charAt(hashSeed(`${key}#${i}`) % alphabet.length)).join('');

export const formatted = (format: string, hints: TextHints, key: string): string | undefined => {
  const salt = `format:${key}\n${hints.userText}`;
  const seed = hashSeed(salt);
  const date = new Date(EPOCH_2024 + (seed % 366) * DAY_MS + (seed % 86_400) * 1000).toISOString().replace('.000Z', 'Z');
  const slug = () => quote(hints, key, 3).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'item';
  const hex = (n: number) => drawn(salt, n, '0123456789abcdef');
  switch (format) {
    case 'date-time':
      return date;
    case 'date':
      return date.slice(0, 10);
    case 'time':
      return date.slice(11, 19);
    case 'duration':
      return `P${(seed % 30) + 1}D`;
    case 'email':
    case 'idn-email':
      return `annotator${seed % 1000}@example.com`;
    case 'hostname':
    case 'idn-hostname':
      return `${slug()}.example.com`;
    case 'ipv4':
      return `192.0.2.${(seed % 254) + 1}`;
    case 'ipv6':
      return `2001:db8::${(seed % 0xffff).toString(16)}`;
    case 'cidrv4':
      return '192.0.2.0/24';
    case 'cidrv6':
      return '2001:db8::/32';
    case 'uuid':
    case 'guid': {
      const h = hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
    case 'uri':
    case 'url':
    case 'iri':
      return `https://example.com/${slug()}`;
    case 'uri-reference':
    case 'iri-reference':
      return `/${slug()}`;
    case 'cuid':
      return `c${drawn(salt, 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'nanoid':
      return drawn(salt, 21, ALNUM);
    case 'ulid':
      return `01${drawn(salt, 24, CROCKFORD)}`;
    case 'base64':
      return Buffer.from(quote(hints, key, 3)).toString('base64');
    case 'hex':
      return hex(16);
    case 'e164':
      return `+1555${String(seed % 10_000_000).padStart(7, '0')}`;
    case 'emoji':
      return '👍';
    default:
      return undefined;
  }
};
