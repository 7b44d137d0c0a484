import { expect, test } from 'vitest';
import { ibanValid, luhnValid } from '../../../src/stages/pii/checksums.js';
import { findPii, redactText } from '../../../src/stages/pii/find-pii.js';
import { loadPlanted, score } from './planted.js';

test('fixture: recall >= 0.97 over planted PII, at most 2 false positives over lookalikes', () => {
  const lines = loadPlanted();
  const result = score(lines);
  expect(result.planted).toBeGreaterThanOrEqual(60);
  expect(result.lookalikes).toBeGreaterThanOrEqual(60);
  expect(result.recall).toBeGreaterThanOrEqual(0.97);
  expect(result.falsePositives.length).toBeLessThanOrEqual(2);
});

test('fixture covers every kind with several formats', () => {
  const byKind = new Map<string, number>();
  for (const l of loadPlanted()) byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + 1);
  for (const kind of ['email', 'phone', 'ip_address', 'card', 'iban', 'secret']) expect(byKind.get(kind)).toBeGreaterThanOrEqual(5);
});

test('checksums: Luhn for cards, mod-97 for IBANs', () => {
  expect(luhnValid('4111111111111111')).toBe(true);
  expect(luhnValid('4111111111111112')).toBe(false);
  expect(ibanValid('GB82WEST12345698765432')).toBe(true);
  expect(ibanValid('GB83WEST12345698765432')).toBe(false);
  expect(ibanValid('GB82WEST1234569876543')).toBe(false); // wrong length for GB
});

test('a wrong checksum or a version context is not PII', () => {
  expect(findPii('card 4111 1111 1111 1112 declined')).toEqual([]);
  expect(findPii('IBAN GB83 WEST 1234 5698 7654 32')).toEqual([]);
  expect(findPii('running version 10.0.0.1 now')).toEqual([]);
  expect(findPii('running on 10.0.0.1 now').map((s) => s.kind)).toEqual(['ip_address']);
});

test('::1 needs IP words nearby; longer compressed forms do not', () => {
  expect(findPii('the loopback ::1 answers')).toHaveLength(1);
  expect(findPii('tokens :: 1 and ::1 in the grammar')).toEqual([]);
  expect(findPii('see 2001:db8::1')).toHaveLength(1);
});

test('redactText replaces each kind with its placeholder and counts them', () => {
  const r = redactText('Mail jane@example.com or call +44 20 7946 0958; key sk-proj-Ab3dEfGh1JkLmNoPqRsTuVwX; host 203.0.113.9');
  expect(r.text).toBe('Mail <EMAIL> or call <PHONE>; key <SECRET>; host <IP_ADDRESS>');
  expect(r.counts).toEqual({ email: 1, phone: 1, secret: 1, ip_address: 1 });
});

test('kinds limits what is looked for', () => {
  expect(redactText('jane@example.com, 203.0.113.9', new Set(['ip_address'])).text).toBe('jane@example.com, <IP_ADDRESS>');
});
