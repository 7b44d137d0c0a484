import { describe, expect, it } from 'vitest';
import { dateStatus, lookupModel, MODEL_TABLE, modelStatus, NEW_JOBS_END_DATE } from '../../../src/providers/openai/model-table.js';
import { ConfigError } from '../../../src/pipeline/errors.js';

const at = (iso: string) => new Date(iso);

describe('model table data', () => {
  it('is dated and carries the end of new jobs', () => {
    expect(MODEL_TABLE.asOf).toBe('2026-11-23');
    expect(MODEL_TABLE.newJobsEndDate).toBe('2027-01-06');
    expect(NEW_JOBS_END_DATE).toBe('2027-01-06');
  });

  it('holds the researched values for gpt-4o-mini', () => {
    expect(lookupModel('gpt-4o-mini-2024-07-18')).toEqual({
      provider: 'openai',
      name: 'gpt-4o-mini-2024-07-18',
      baseModel: null,
      adaptations: [],
      newCustomers: false,
      tokenizer: 'o200k_base',
      tokenLimit: 65_536,
      trainingPricePerMTokens: 3,
      baseInputPricePerMTokens: 0.15,
      baseOutputPricePerMTokens: 0.6,
      fineTunedInputPricePerMTokens: 0.3,
      fineTunedOutputPricePerMTokens: 1.2,
      methods: ['supervised', 'dpo'],
      shutdownDate: '2027-01-14',
      newJobsEndDate: '2027-01-06',
      aliases: ['gpt-4o-mini'],
    });
  });

  it.each([
    ['gpt-4o-2024-08-06', 'o200k_base', 65_536, 25, '2027-01-14'],
    ['gpt-4.1-2025-04-14', 'o200k_base', 65_536, 25, '2027-01-14'],
    ['gpt-4.1-mini-2025-04-14', 'o200k_base', 65_536, 5, '2027-01-14'],
    ['gpt-4.1-nano-2025-04-14', 'o200k_base', 32_768, 1.5, '2026-10-23'],
    ['gpt-3.5-turbo-0125', 'cl100k_base', 16_385, 8, '2026-10-23'],
    ['o4-mini-2025-04-16', 'o200k_base', 65_536, null, '2026-10-23'],
  ])('%s: %s, limit %i, $%s per 1M, shuts down %s', (name, encoding, limit, price, shutdown) => {
    const m = lookupModel(name);
    expect([m.tokenizer, m.tokenLimit, m.trainingPricePerMTokens, m.shutdownDate]).toEqual([encoding, limit, price, shutdown]);
  });

  // Per 1M tokens [base input, base output, fine-tuned input, fine-tuned output]: a fine-tune costs more than its base.
  it.each([
    ['gpt-4o-mini-2024-07-18', [0.15, 0.6, 0.3, 1.2]],
    ['gpt-4.1-mini-2025-04-14', [0.4, 1.6, 0.8, 3.2]],
    ['gpt-4.1-2025-04-14', [2, 8, 3, 12]],
    ['gpt-4o-2024-08-06', [2.5, 10, 3.75, 15]],
    ['gpt-4.1-nano-2025-04-14', [0.1, 0.4, 0.2, 0.8]],
    ['gpt-3.5-turbo-0125', [0.5, 1.5, 3, 6]],
    ['o4-mini-2025-04-16', [1.1, 4.4, 4, 16]],
  ])('%s: inference priced for the base model and, higher, for its fine-tunes', (name, prices) => {
    const m = lookupModel(name);
    expect([m.baseInputPricePerMTokens, m.baseOutputPricePerMTokens, m.fineTunedInputPricePerMTokens, m.fineTunedOutputPricePerMTokens]).toEqual(prices);
  });

  it('says where each kind of price comes from and as of which month', () => {
    expect(MODEL_TABLE.prices.fineTunedInference.asOf).toBe('2025-11');
    expect(MODEL_TABLE.prices.baseInference.asOf).toBe('2026-03');
    expect(MODEL_TABLE.prices.training.source).toContain('openai-api.md §3.8');
  });

  it('lists the methods each model can be trained with', () => {
    expect(lookupModel('gpt-4.1-2025-04-14').methods).toEqual(['supervised', 'dpo', 'vision']);
    expect(lookupModel('gpt-3.5-turbo-0125').methods).toEqual(['supervised']);
    expect(lookupModel('o4-mini').methods).toEqual(['reinforcement']);
  });
});

describe('lookupModel', () => {
  it('resolves aliases to the snapshot', () => {
    expect(lookupModel('gpt-4o-mini').name).toBe('gpt-4o-mini-2024-07-18');
    expect(lookupModel('o4-mini').name).toBe('o4-mini-2025-04-16');
    expect(lookupModel('gpt-3.5-turbo').tokenizer).toBe('cl100k_base');
  });

  it('resolves a fine-tune to its base model', () => {
    expect(lookupModel('ft:gpt-4o-mini-2024-07-18:acme:lsat:9xYz12').name).toBe('gpt-4o-mini-2024-07-18');
    expect(lookupModel('ft:gpt-3.5-turbo-0125:acme::abc').tokenLimit).toBe(16_385);
    expect(lookupModel('ft:gpt-4.1-mini:acme::abc').name).toBe('gpt-4.1-mini-2025-04-14');
  });

  it('names the unknown model and lists the known ones', () => {
    expect(() => lookupModel('gpt-5')).toThrow(ConfigError);
    let message = '';
    try {
      lookupModel('gpt-5');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('unknown model "gpt-5"');
    for (const name of Object.keys(MODEL_TABLE.models)) expect(message).toContain(name);
    expect(message).toContain('gpt-4o-mini-2024-07-18 (gpt-4o-mini)');
  });

  it('rejects an ft: name whose base is unknown', () => {
    expect(() => lookupModel('ft:davinci-003:acme::x')).toThrow(/unknown model "ft:davinci-003:acme::x"/);
  });

  it('merges a partial override over the table, by snapshot or alias', () => {
    const m = lookupModel('gpt-4o-mini', { 'gpt-4o-mini': { trainingPricePerMTokens: 2.5, shutdownDate: null } });
    expect(m.trainingPricePerMTokens).toBe(2.5);
    expect(m.shutdownDate).toBeNull();
    expect(m.tokenLimit).toBe(65_536);
    expect(lookupModel('gpt-4o-mini-2024-07-18', { 'gpt-4o-mini-2024-07-18': { tokenLimit: 1000 } }).tokenLimit).toBe(1000);
    // The table itself is untouched.
    expect(lookupModel('gpt-4o-mini').trainingPricePerMTokens).toBe(3);
  });

  it('adds a whole new entry, with unknown prices by default, reachable by alias and ft: name', () => {
    const models = { 'acme-7b-2026-01-01': { tokenizer: 'cl100k_base', tokenLimit: 8192, aliases: ['acme-7b'] } };
    expect(lookupModel('acme-7b', models)).toEqual({
      provider: 'openai',
      name: 'acme-7b-2026-01-01',
      baseModel: null,
      adaptations: [],
      newCustomers: false,
      tokenizer: 'cl100k_base',
      tokenLimit: 8192,
      trainingPricePerMTokens: null,
      baseInputPricePerMTokens: null,
      baseOutputPricePerMTokens: null,
      fineTunedInputPricePerMTokens: null,
      fineTunedOutputPricePerMTokens: null,
      methods: ['supervised'],
      shutdownDate: null,
      newJobsEndDate: '2027-01-06',
      aliases: ['acme-7b'],
    });
    expect(lookupModel('ft:acme-7b-2026-01-01:org::1', models).tokenLimit).toBe(8192);
  });

  it('overrides the end of new jobs per model, like every other value; null means none announced', () => {
    expect(lookupModel('gpt-4o-mini', { 'gpt-4o-mini': { newJobsEndDate: '2027-06-30' } }).newJobsEndDate).toBe('2027-06-30');
    expect(lookupModel('gpt-4.1', { 'gpt-4.1-2025-04-14': { newJobsEndDate: null } }).newJobsEndDate).toBeNull();
    // Other models, and the table itself, keep the table's date.
    expect(lookupModel('gpt-4.1', { 'gpt-4o-mini': { newJobsEndDate: '2027-06-30' } }).newJobsEndDate).toBe(MODEL_TABLE.newJobsEndDate);
    expect(lookupModel('acme-7b', { 'acme-7b': { tokenizer: 'cl100k_base', tokenLimit: 8192, newJobsEndDate: '2030-01-01' } }).newJobsEndDate).toBe('2030-01-01');
    expect(() => lookupModel('gpt-4o', { 'gpt-4o': { newJobsEndDate: 'soon' } })).toThrow(/models\.gpt-4o\.newJobsEndDate/);
  });

  it('rejects a bad override with its path', () => {
    expect(() => lookupModel('gpt-4o', { 'gpt-4o': { tokenLimit: -1 } })).toThrow(/models\.gpt-4o\.tokenLimit/);
    expect(() => lookupModel('gpt-4o', { 'gpt-4o': { tokenlimit: 5 } })).toThrow(ConfigError);
    expect(() => lookupModel('new-model', { 'new-model': { tokenLimit: 5 } })).toThrow(/models\.new-model\.tokenizer/);
    expect(() => lookupModel('gpt-4o', { 'gpt-4o': { shutdownDate: '14/01/2027' } })).toThrow(/YYYY-MM-DD/);
  });
});

describe('modelStatus with a fixed clock', () => {
  const mini = lookupModel('gpt-4o-mini'); // shuts down 2027-01-14

  it('is available more than 30 days before the shutdown', () => {
    expect(modelStatus(mini, at('2026-11-23T12:00:00Z'))).toEqual({ state: 'available', daysLeft: 52 });
    expect(modelStatus(mini, at('2026-12-14T00:00:00Z'))).toEqual({ state: 'available', daysLeft: 31 });
  });

  it('is shutting down within 30 days', () => {
    expect(modelStatus(mini, at('2026-12-15T00:00:00Z'))).toEqual({ state: 'shutting-down', daysLeft: 30 });
    expect(modelStatus(mini, at('2027-01-13T23:59:59Z'))).toEqual({ state: 'shutting-down', daysLeft: 1 });
  });

  it('is shut down from 00:00 UTC on the shutdown date', () => {
    expect(modelStatus(mini, at('2027-01-14T00:00:00Z'))).toEqual({ state: 'shut-down', daysLeft: 0 });
    expect(modelStatus(lookupModel('gpt-3.5-turbo-0125'), at('2026-11-23T12:00:00Z'))).toEqual({ state: 'shut-down', daysLeft: 0 });
  });

  it('is available with no shutdown date', () => {
    expect(modelStatus({ shutdownDate: null }, at('2030-01-01T00:00:00Z'))).toEqual({ state: 'available', daysLeft: null });
  });

  it('applies to the end of new jobs too', () => {
    expect(dateStatus(NEW_JOBS_END_DATE, at('2026-12-10T00:00:00Z'))).toEqual({ state: 'shutting-down', daysLeft: 27 });
  });
});
