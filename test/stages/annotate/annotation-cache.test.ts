import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationCache, type CachedReply } from '../../../src/stages/annotate/annotation-cache.js';

const reply = (attempt: number): CachedReply => ({
  attempt,
  content: '{"a":1}',
  refusal: null,
  finishReason: 'stop',
  usage: { promptTokens: 10, completionTokens: 3 },
  costUsd: 0.001,
  via: 'online',
  at: '2026-12-01T00:00:00.000Z',
});

describe('the annotation cache', () => {
  it('keeps answers across opens, counts requests sent but never answered, and what this process bought', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneset-cache-'));
    const first = new AnnotationCache(dir);
    first.markSent('k1', 0, new Date(0));
    first.record('k1', reply(0));
    first.markSent('k2', 0, new Date(0));
    first.close();
    const second = new AnnotationCache(dir);
    expect(second.replies('k1')).toEqual([reply(0)]);
    expect(second.replies('k2')).toEqual([]);
    expect(second.unanswered()).toBe(1);
    expect(second.bought).toEqual({ replies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
    second.record('k2', reply(0));
    expect(second.bought).toEqual({ replies: 1, promptTokens: 10, completionTokens: 3, costUsd: 0.001 });
  });

  it('a line torn by kill -9 is skipped and cut off, so the next answer starts a line of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneset-cache-'));
    const cache = new AnnotationCache(dir);
    cache.record('k1', reply(0));
    cache.close();
    appendFileSync(cache.path, '{"key":"k2","reply":{"attem');
    const reopened = new AnnotationCache(dir);
    expect(reopened.tornLines).toBe(1);
    reopened.record('k3', reply(0));
    reopened.close();
    const lines = readFileSync(cache.path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(lines).toEqual(['k1', 'k3']);
  });

  it('a damaged line in the middle is an error naming the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneset-cache-'));
    const cache = new AnnotationCache(dir);
    cache.close();
    appendFileSync(cache.path, 'not json\n{"key":"k","sent":0,"at":"x"}\n');
    expect(() => new AnnotationCache(dir)).toThrow(`${cache.path}: line 1 is not valid JSON`);
  });
});
