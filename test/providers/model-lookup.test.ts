import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/pipeline/errors.js';
import { LOCAL_TABLE } from '../../src/providers/local/model-table.js';
import {
  lookupModel,
  lookupTarget,
  modelsOf,
  overridesFor,
  parseTarget,
  providersAcceptingNewJobs,
  TARGET_PROVIDERS,
} from '../../src/providers/model-lookup.js';
import { buildRows } from '../../src/providers/model-rows.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { LOCAL_QWEN3_0_6B_ROW } from './local-row.js';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
};

describe('lookupModel across providers', () => {
  it("reads OpenAI's rows from the registry's table", () => {
    expect(PROVIDERS.openai.table.provider).toBe('openai');
    const m = lookupModel('openai', 'gpt-4o-mini');
    expect([m.provider, m.name, m.tokenizer, m.tokenLimit, m.newJobsEndDate, m.newCustomers]).toEqual(['openai', 'gpt-4o-mini-2024-07-18', 'o200k_base', 65_536, '2027-01-06', false]);
  });

  it('reads a local row: the model is its own base, its context the limit, no prices or dates', () => {
    expect(lookupModel('local', 'Qwen/Qwen3-0.6B')).toEqual(LOCAL_QWEN3_0_6B_ROW);
  });

  it("names the provider's own models when the model is unknown", () => {
    expect(() => lookupModel('local', 'gpt-4o-mini')).toThrow(
      `unknown model "gpt-4o-mini"; known local models: ${Object.keys(LOCAL_TABLE.models).join(', ')}. Add it to the pipeline's \`models\` to use another`,
    );
  });

  it('every local row uses a tokenizer id of the plan', () => {
    const ids = new Set(['o200k_base', 'cl100k_base', 'qwen3', 'qwen2.5', 'llama3', 'gpt-oss', 'mistral-tekken']);
    for (const m of modelsOf('local')) expect(ids.has(m.tokenizer), m.name).toBe(true);
  });
});

describe('overrides per provider', () => {
  const models = {
    'gpt-4o-mini': { tokenLimit: 1000 },
    local: { 'Qwen/Qwen3-0.6B': { tokenLimit: 4096 }, 'acme/Tiny-1B': { tokenizer: 'llama3', tokenLimit: 2048 } },
  };

  it("flat keys belong to the pipeline's own target provider, a provider's section to that provider", () => {
    expect(overridesFor('openai', models, 'openai')).toEqual({ 'gpt-4o-mini': { tokenLimit: 1000 } });
    expect(overridesFor('local', models, 'openai')).toEqual(models.local);
    expect(overridesFor('local', models, 'local')).toEqual({ 'gpt-4o-mini': { tokenLimit: 1000 }, ...models.local });
    expect(overridesFor('together', models, 'openai')).toEqual({});
  });

  it('a target reads its own overrides: a patched row and an added one', () => {
    expect(lookupTarget({ provider: 'openai', model: 'gpt-4o-mini', models }).tokenLimit).toBe(1000);
    expect(lookupTarget({ model: 'gpt-4o-mini', models }).tokenLimit).toBe(1000);
    expect(lookupTarget({ provider: 'local', model: 'Qwen/Qwen3-0.6B', models: { local: models.local } }).tokenLimit).toBe(4096);
    const added = lookupTarget({ provider: 'local', model: 'acme/Tiny-1B', models: { local: models.local } });
    // An added local row takes what every local row shares (LoRA and full); dates and prices unknown.
    expect([added.tokenizer, added.tokenLimit, added.adaptations, added.newJobsEndDate, added.newCustomers]).toEqual(['llama3', 2048, ['lora', 'full'], null, true]);
  });

  it("an added OpenAI model inherits the table's shared end of new jobs and its closed door to new customers", () => {
    const row = buildRows(PROVIDERS.openai.table, { 'acme-7b': { tokenizer: 'cl100k_base', tokenLimit: 8192 } }).get('acme-7b')!;
    expect([row.newJobsEndDate, row.newCustomers]).toEqual(['2027-01-06', false]);
  });
});

describe('lookupTarget', () => {
  it("refuses a pipeline's target with an unknown provider, naming the known ones", () => {
    expect(() => lookupTarget({ provider: 'acme', model: 'x' })).toThrow(
      'pipeline: option target: unknown provider "acme"; known providers: openai, azure, nebius, together, fireworks, local',
    );
  });
});

describe('parseTarget', () => {
  it('splits at the first colon, so model names keep theirs', () => {
    expect(parseTarget('local:Qwen/Qwen3-0.6B')).toEqual({ provider: 'local', model: 'Qwen/Qwen3-0.6B' });
    expect(parseTarget('openai:ft:gpt-4o-mini-2024-07-18:acme::x1')).toEqual({ provider: 'openai', model: 'ft:gpt-4o-mini-2024-07-18:acme::x1' });
  });

  it('refuses an unknown provider naming the known ones', () => {
    expect(usage(() => parseTarget('mistral:small'))).toBe(`--target expects provider:model with a provider of ${TARGET_PROVIDERS.join(', ')}, got "mistral:small"`);
    expect(TARGET_PROVIDERS).toEqual(['openai', 'azure', 'nebius', 'together', 'fireworks', 'local']);
  });

  it("refuses an unknown model naming that provider's models", () => {
    expect(usage(() => parseTarget('local:Qwen/Qwen9'))).toBe(
      `--target: unknown model "Qwen/Qwen9"; known local models: ${Object.keys(LOCAL_TABLE.models).join(', ')}. Add it to the pipeline's \`models\` to use another`,
    );
    expect(usage(() => parseTarget('openai'))).toBe('--target expects provider:model, got "openai"; openai\'s models: `tuneset models --provider openai`');
  });
});

describe('providersAcceptingNewJobs', () => {
  it('leaves OpenAI out after its end of new jobs and keeps local, computed from the tables', () => {
    const after = providersAcceptingNewJobs(new Date('2027-01-07T00:00:00Z'));
    expect(after.map((p) => p.provider)).not.toContain('openai');
    expect(after.at(-1)).toEqual({ provider: 'local', models: Object.keys(LOCAL_TABLE.models).length });
  });

  it('counts only rows a new customer may train: none of OpenAI (closed to new customers since 2026-05-07)', () => {
    expect(providersAcceptingNewJobs(new Date('2026-12-02T00:00:00Z')).map((p) => p.provider)).not.toContain('openai');
  });
});
