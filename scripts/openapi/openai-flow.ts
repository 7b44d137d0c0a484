// Drives every endpoint the OpenAI dialect of the fake serves, through the states a client meets:
// uploads, a job through every status (paused, failed in validation and mid-run, cancelled, DPO),
// events, checkpoints, the result file, models, chat (plain, AR-LSAT, structured outputs, the
// fine-tuned model), batches through every status, deletions and the error answers. Each answer
// is recorded; the caller checks the records against OpenAI's document.
import { startFakeOpenAI } from '../../src/providers/fake/index.js';
import { chatLines, dpoLines, LETTER_SCHEMA, question } from './flow-data.js';
import { expectStatus, Recorder } from './recorder.js';

const KEY = 'sk-openapi-check';

const batchLine = (id: string, content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra } });

export const runOpenAIFlow = async (): Promise<Recorder> => {
  const fake = await startFakeOpenAI({ now: '2026-11-23T12:00:00Z', apiKey: KEY });
  const api = new Recorder(fake.url, KEY);
  const job = (id: string, note: string) => api.call('GET', `/v1/fine_tuning/jobs/${id}`, undefined, note);
  const events = (id: string, note: string) => api.call('GET', `/v1/fine_tuning/jobs/${id}/events?limit=100`, undefined, note);
  const checkpoints = (id: string, note: string) => api.call('GET', `/v1/fine_tuning/jobs/${id}/checkpoints`, undefined, note);
  try {
    await api.call('GET', '/v1/models', undefined, 'base models');
    await api.call('GET', '/v1/models/gpt-4o-mini-2024-07-18', undefined, 'one base model');
    await api.call('GET', '/v1/files', undefined, 'no files yet');

    const training = expectStatus(await api.upload('/v1/files', 'train.jsonl', chatLines(12), { purpose: 'fine-tune' }, 'training upload'), 200, 'upload').json;
    const validation = (await api.upload('/v1/files', 'valid.jsonl', chatLines(4, 100), { purpose: 'fine-tune' }, 'validation upload')).json;
    const dpo = (await api.upload('/v1/files', 'dpo.jsonl', dpoLines(12), { purpose: 'fine-tune' }, 'DPO upload')).json;
    const broken = (await api.upload('/v1/files', 'broken.jsonl', '{"messages": []}\nnot json\n', { purpose: 'fine-tune' }, 'bad data upload')).json;
    await api.call('GET', '/v1/files', undefined, 'files');
    await api.call('GET', '/v1/files?purpose=fine-tune&limit=2&order=asc', undefined, 'files page');
    await api.call('GET', `/v1/files/${training.id}`, undefined, 'one file');
    await api.call('GET', `/v1/files/${training.id}/content`, undefined, 'file content');

    // Job A: healthy, with a validation file, suffix and metadata, paused and resumed on the way.
    const a = expectStatus(
      await api.call('POST', '/v1/fine_tuning/jobs', { json: { model: 'gpt-4o-mini', training_file: training.id, validation_file: validation.id, suffix: 'lsat', seed: 7, metadata: { run: 'r1' } } }, 'create'),
      200,
      'job create',
    ).json;
    await job(a.id, 'validating_files');
    await events(a.id, 'validating_files');
    await checkpoints(a.id, 'validating_files (none yet)');
    fake.clock.advance(40);
    await job(a.id, 'queued');
    fake.clock.advance(60);
    await job(a.id, 'running');
    await events(a.id, 'running (metrics events)');
    await api.call('POST', `/v1/fine_tuning/jobs/${a.id}/pause`, undefined, 'pause');
    fake.clock.advance(600);
    await job(a.id, 'paused');
    await api.call('POST', `/v1/fine_tuning/jobs/${a.id}/resume`, undefined, 'resume');
    await api.call('GET', '/v1/fine_tuning/jobs?limit=5', undefined, 'jobs while running');

    // Job B: fails mid-run. Job C: cancelled while queued. Job D: DPO. Job E: fails validation.
    fake.faults.failJobs({ times: 1, atFraction: 0.5 });
    const b = (await api.call('POST', '/v1/fine_tuning/jobs', { json: { model: 'gpt-4o-mini', training_file: training.id } }, 'create (will fail mid-run)')).json;
    const c = (await api.call('POST', '/v1/fine_tuning/jobs', { json: { model: 'gpt-4.1-mini', training_file: training.id, hyperparameters: { n_epochs: 2 } } }, 'create (legacy hyperparameters)')).json;
    const d = (
      await api.call(
        'POST',
        '/v1/fine_tuning/jobs',
        { json: { model: 'gpt-4o-mini', training_file: dpo.id, method: { type: 'dpo', dpo: { hyperparameters: { beta: 0.1 } } } } },
        'create DPO',
      )
    ).json;
    const e = (await api.call('POST', '/v1/fine_tuning/jobs', { json: { model: 'gpt-4o-mini', training_file: broken.id } }, 'create (bad data)')).json;
    fake.clock.advance(40);
    await api.call('POST', `/v1/fine_tuning/jobs/${c.id}/cancel`, undefined, 'cancel while queued');
    await job(c.id, 'cancelled');
    await events(c.id, 'cancelled');
    await job(e.id, 'failed in validation');
    await events(e.id, 'failed in validation');
    await api.call('POST', `/v1/fine_tuning/jobs/${c.id}/cancel`, undefined, 'cancel a cancelled job (error)');

    fake.clock.advance(700);
    await job(a.id, 'succeeded');
    await events(a.id, 'succeeded');
    await checkpoints(a.id, 'succeeded');
    await api.call('GET', `/v1/fine_tuning/jobs/${a.id}/checkpoints?limit=1`, undefined, 'checkpoints page');
    await job(b.id, 'failed mid-run');
    await events(b.id, 'failed mid-run');
    await job(d.id, 'DPO succeeded');
    await api.call('GET', '/v1/fine_tuning/jobs', undefined, 'jobs, every end');
    await api.call('GET', '/v1/fine_tuning/jobs?metadata[run]=r1', undefined, 'jobs by metadata');

    const done = (await job(a.id, 'succeeded again')).json;
    const result = done.result_files[0];
    await api.call('GET', `/v1/files/${result}`, undefined, 'result file');
    await api.call('GET', `/v1/files/${result}/content`, undefined, 'result CSV');
    await api.call('GET', '/v1/models', undefined, 'models with fine-tunes');
    await api.call('GET', `/v1/models/${encodeURIComponent(done.fine_tuned_model)}`, undefined, 'fine-tuned model');

    // Chat: plain, AR-LSAT, structured outputs, json_object, the fine-tuned model.
    const ask = (body: Record<string, unknown>, note: string) => api.call('POST', '/v1/chat/completions', { json: { model: 'gpt-4o-mini', ...body } }, note);
    await ask({ messages: [{ role: 'user', content: 'Say hello.' }] }, 'plain chat');
    await ask({ messages: [{ role: 'system', content: 'Answer with a letter.' }, { role: 'user', content: question(3) }], max_completion_tokens: 5, seed: 1 }, 'AR-LSAT chat');
    await ask({ messages: [{ role: 'user', content: question(4) }], response_format: LETTER_SCHEMA }, 'structured output');
    await ask({ messages: [{ role: 'user', content: 'Give JSON.' }], response_format: { type: 'json_object' } }, 'json_object');
    await ask({ model: done.fine_tuned_model, messages: [{ role: 'user', content: question(5) }] }, 'fine-tuned chat');

    // Batches: one completes (with a failing line), one fails validation, one is cancelled.
    const batchInput = (await api.upload('/v1/files', 'batch.jsonl', [batchLine('q-1', question(1)), batchLine('q-2', question(2), { response_format: LETTER_SCHEMA }), batchLine('bad', 'x', { stream: true })].join('\n') + '\n', { purpose: 'batch' }, 'batch upload')).json;
    const badInput = (await api.upload('/v1/files', 'bad-batch.jsonl', 'not json\n', { purpose: 'batch' }, 'bad batch upload')).json;
    const batch = (await api.call('POST', '/v1/batches', { json: { input_file_id: batchInput.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: 'b1' } } }, 'batch create')).json;
    const failing = (await api.call('POST', '/v1/batches', { json: { input_file_id: badInput.id, endpoint: '/v1/chat/completions', completion_window: '24h' } }, 'batch create (bad input)')).json;
    const cancelled = (await api.call('POST', '/v1/batches', { json: { input_file_id: batchInput.id, endpoint: '/v1/chat/completions', completion_window: '24h' } }, 'batch create (to cancel)')).json;
    await api.call('GET', `/v1/batches/${batch.id}`, undefined, 'batch validating');
    fake.clock.advance(20);
    await api.call('GET', `/v1/batches/${batch.id}`, undefined, 'batch in_progress');
    await api.call('GET', `/v1/batches/${failing.id}`, undefined, 'batch failed');
    await api.call('POST', `/v1/batches/${cancelled.id}/cancel`, undefined, 'batch cancel');
    await api.call('GET', `/v1/batches/${cancelled.id}`, undefined, 'batch cancelling or cancelled');
    fake.clock.advance(55);
    await api.call('GET', `/v1/batches/${batch.id}`, undefined, 'batch finalizing');
    fake.clock.advance(30);
    const finished = (await api.call('GET', `/v1/batches/${batch.id}`, undefined, 'batch completed')).json;
    await api.call('GET', '/v1/batches?limit=2', undefined, 'batches page');
    await api.call('GET', '/v1/batches', undefined, 'batches');
    if (finished.output_file_id) await api.call('GET', `/v1/files/${finished.output_file_id}`, undefined, 'batch output file');
    if (finished.error_file_id) await api.call('GET', `/v1/files/${finished.error_file_id}`, undefined, 'batch error file');

    // Deletions.
    await api.call('DELETE', `/v1/models/${encodeURIComponent(done.fine_tuned_model)}`, undefined, 'delete fine-tuned model');
    await api.call('DELETE', `/v1/files/${broken.id}`, undefined, 'delete file');

    // Errors: every kind the fake answers with, in OpenAI's envelope.
    await api.call('GET', '/v1/files/file-doesnotexist', undefined, 'unknown file');
    await api.call('GET', '/v1/models/no-such-model', undefined, 'unknown model');
    await api.call('DELETE', '/v1/models/gpt-4o-mini', undefined, 'delete a base model');
    await api.call('POST', '/v1/fine_tuning/jobs', { json: { training_file: training.id } }, 'create without model');
    await api.call('POST', '/v1/fine_tuning/jobs', { json: { model: 'gpt-4o-mini', training_file: batchInput.id } }, 'create on a batch file');
    await ask({ stream: true, messages: [{ role: 'user', content: 'hi' }] }, 'stream (unsupported)');
    await api.upload('/v1/files', 'x.txt', 'x', { purpose: 'fine-tune' }, 'upload not .jsonl');
    await api.withKey('sk-wrong').call('GET', '/v1/models', undefined, 'wrong key');
    fake.faults.rateLimit('GET /v1/models', { times: 1 });
    await api.call('GET', '/v1/models', undefined, 'rate limited');
    fake.faults.serverError('GET /v1/files', { times: 1 });
    await api.call('GET', '/v1/files', undefined, 'server error');
    fake.faults.add({ kind: 'quota', match: 'POST /v1/chat/completions', times: 1 });
    await ask({ messages: [{ role: 'user', content: 'hi' }] }, 'quota');
    await api.call('GET', '/v1/nothing-here', undefined, 'invalid URL');
    return api;
  } finally {
    await fake.close();
  }
};

