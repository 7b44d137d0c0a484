// Drives every endpoint the Together dialect of the fake serves (src/providers/together/
// fake-routes.ts): uploads, jobs through every status (pending, queued, running, completed, error
// in validation and mid-run, cancelled; LoRA, full and DPO), events, checkpoints, metrics, file
// lists and content, models, the fine-tuning model list, chat with base and fine-tuned models
// (structured outputs too), deletion and the error answers. The caller checks the records
// against Together's document.
import { startFakeOpenAI } from '../../src/providers/fake/index.js';
import { TOGETHER_ROUTES } from '../../src/providers/together/fake-routes.js';
import { chatLines, dpoLines, LETTER_SCHEMA, question } from './flow-data.js';
import { expectStatus, Recorder } from './recorder.js';

const KEY = 'tgp_v1_openapi_check';
const MODEL = 'Qwen/Qwen3-8B';

export const runTogetherFlow = async (): Promise<Recorder> => {
  const fake = await startFakeOpenAI({ now: '2026-12-02T12:00:00Z', apiKey: KEY, routes: TOGETHER_ROUTES });
  const api = new Recorder(fake.url, KEY);
  const upload = (name: string, content: string, note: string) => api.upload('/v1/files/upload', name, content, { purpose: 'fine-tune', file_name: name, file_type: 'jsonl' }, note);
  const create = (body: Record<string, unknown>, note: string) => api.call('POST', '/v1/fine-tunes', { json: { model: MODEL, ...body } }, note);
  const look = async (id: string, note: string) => {
    await api.call('GET', `/v1/fine-tunes/${id}`, undefined, note);
    await api.call('GET', `/v1/fine-tunes/${id}/events`, undefined, note);
    await api.call('GET', `/v1/fine-tunes/${id}/checkpoints`, undefined, note);
    await api.call('GET', `/v1/fine-tunes/${id}/metrics`, undefined, note);
  };
  try {
    await api.call('GET', '/v1/models', undefined, 'models');
    await api.call('GET', '/v1/fine-tunes/models/supported', undefined, 'fine-tunable models');
    await api.call('GET', '/v1/files', undefined, 'no files yet');
    await api.call('GET', '/v1/fine-tunes', undefined, 'no jobs yet');

    const training = expectStatus(await upload('train.jsonl', chatLines(20), 'training upload'), 200, 'upload').json;
    const validation = (await upload('valid.jsonl', chatLines(6, 100), 'validation upload')).json;
    const dpo = (await upload('dpo.jsonl', dpoLines(12), 'DPO upload')).json;
    const broken = (await upload('broken.jsonl', '{"messages": []}\nnot json\n', 'bad data upload')).json;
    await api.call('GET', '/v1/files', undefined, 'files');
    await api.call('GET', `/v1/files/${training.id}`, undefined, 'one file');
    await api.call('GET', `/v1/files/${training.id}/content`, undefined, 'file content');

    // A: LoRA with validation, evals and checkpoints; B: fails mid-run; C: full, cancelled;
    // D: DPO; E: fails validation.
    const a = expectStatus(
      await create(
        { training_file: training.id, validation_file: validation.id, n_epochs: 2, n_checkpoints: 2, n_evals: 2, batch_size: 8, learning_rate: 0.0001, suffix: 'lsat', training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32 }, training_method: { method: 'sft', train_on_inputs: false } },
        'create LoRA',
      ),
      200,
      'job create',
    ).json;
    await look(a.id, 'pending');
    fake.faults.failJobs({ times: 1, atFraction: 0.5 });
    const b = (await create({ training_file: training.id }, 'create (will fail mid-run)')).json;
    const c = (await create({ training_file: training.id, training_type: { type: 'Full' } }, 'create full')).json;
    const d = (await create({ training_file: dpo.id, training_method: { method: 'dpo', dpo_beta: 0.1 } }, 'create DPO')).json;
    const e = (await create({ training_file: broken.id }, 'create (bad data)')).json;
    fake.clock.advance(40);
    await look(a.id, 'queued');
    await look(e.id, 'error in validation');
    await api.call('POST', `/v1/fine-tunes/${c.id}/cancel`, undefined, 'cancel while queued');
    await look(c.id, 'cancelled');
    fake.clock.advance(60);
    await look(a.id, 'running');
    await api.call('GET', '/v1/fine-tunes', undefined, 'jobs while running');
    fake.clock.advance(200);
    await look(a.id, 'completed');
    await look(b.id, 'error mid-run');
    await look(d.id, 'DPO completed');
    await api.call('GET', '/v1/fine-tunes', undefined, 'jobs, every end');
    const done = (await api.call('GET', `/v1/fine-tunes/${a.id}`, undefined, 'completed again')).json;
    await api.call('GET', '/v1/models', undefined, 'models with the fine-tune');

    const ask = (body: Record<string, unknown>, note: string) => api.call('POST', '/v1/chat/completions', { json: { model: MODEL, ...body } }, note);
    await ask({ messages: [{ role: 'user', content: 'Say hello.' }] }, 'plain chat');
    await ask({ messages: [{ role: 'system', content: 'Answer with a letter.' }, { role: 'user', content: question(3) }], max_tokens: 5 }, 'AR-LSAT chat');
    await ask({ messages: [{ role: 'user', content: question(4) }], response_format: LETTER_SCHEMA }, 'structured output');
    await ask({ model: done.model_output_name, messages: [{ role: 'user', content: question(5) }] }, 'fine-tuned chat');

    await api.call('DELETE', `/v1/files/${broken.id}`, undefined, 'delete file');
    await api.call('GET', '/v1/files/file-doesnotexist', undefined, 'unknown file');
    await api.call('GET', '/v1/fine-tunes/ft-doesnotexist', undefined, 'unknown job');
    await create({ model: 'no/such-model', training_file: training.id }, 'create with an unknown model');
    await api.call('POST', `/v1/fine-tunes/${a.id}/cancel`, undefined, 'cancel a completed job');
    await ask({ model: 'no/such-model', messages: [{ role: 'user', content: 'hi' }] }, 'chat with an unknown model');
    await api.withKey('wrong').call('GET', '/v1/models', undefined, 'wrong key');
    fake.faults.rateLimit('GET /v1/fine-tunes*', { times: 1 });
    await api.call('GET', `/v1/fine-tunes/${a.id}`, undefined, 'rate limited');
    fake.faults.serverError('POST /v1/chat/completions', { times: 1 });
    await ask({ messages: [{ role: 'user', content: 'hi' }] }, 'server error');
    return api;
  } finally {
    await fake.close();
  }
};
