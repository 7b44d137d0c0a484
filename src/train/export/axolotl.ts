import { axolotlRows } from './axolotl-rows.js';
import { LORA } from './settings.js';
import { baseModelComment, dataFile, headerComment, type TrainerFactory } from './trainer.js';
import { renderYaml, type YamlMap } from './yaml.js';

/**
 * axolotl: `axolotl train axolotl.yaml`. Keys from axolotl docs/config-reference.qmd and
 * docs/config.qmd: local JSONL through `path` + `ds_type: json` (docs/dataset_loading.qmd), the
 * validation file as `test_datasets` with `split: train` (a JSON file loads as one "train" split),
 * LoRA through `adapter: lora` and `lora_*`.
 */
export const axolotl: TrainerFactory = (facts, settings) => {
  const dpo = facts.kind === 'dpo';

  const dataset = (split: string, isTest: boolean): YamlMap => {
    const common: YamlMap = { path: dataFile(split), ds_type: 'json', ...(isTest || dpo ? { split: 'train' } : {}) };
    if (dpo) {
      return {
        ...common,
        type: 'chat_template.default',
        field_messages: 'messages',
        field_chosen: 'chosen',
        field_rejected: 'rejected',
        message_property_mappings: { role: 'role', content: 'content' },
        roles: { user: ['user'], assistant: ['assistant'], system: ['system'] },
      };
    }
    return {
      ...common,
      type: 'chat_template',
      field_messages: 'messages',
      message_property_mappings: { role: 'role', content: 'content' },
      roles_to_train: ['assistant'],
      train_on_eos: 'turn',
      ...(facts.weighted ? { message_field_training: 'train' } : {}),
    };
  };

  const configs = (splits: readonly string[]) => {
    const validation = splits.includes('validation');
    const content = renderYaml([
      { comment: [...headerComment('axolotl config for `axolotl train axolotl.yaml`', settings), '', ...baseModelComment(settings)], entries: { base_model: settings.baseModel } },
      {
        comment: [
          "Data: OpenAI messages, rendered with the base model's own chat template.",
          ...(dpo ? [] : ['Assistant messages are trained; a message with "train": false (OpenAI weight 0) is not.']),
        ],
        entries: {
          ...(dpo ? { rl: 'dpo', dpo_beta: 0.1 } : {}),
          chat_template: 'tokenizer_default',
          datasets: [dataset('train', false)],
          ...(validation ? { test_datasets: [dataset('validation', true)] } : {}),
          dataset_prepared_path: 'last_run_prepared',
        },
      },
      { comment: [`sequence_len: ${settings.sequenceSource}.`], entries: { sequence_len: settings.sequenceLength, sample_packing: false } },
      { comment: ['LoRA adapter on every linear layer.'], entries: { adapter: 'lora', lora_r: LORA.r, lora_alpha: LORA.alpha, lora_dropout: LORA.dropout, lora_target_linear: true } },
      {
        comment: [`Epochs: ${settings.epochsSource}.`, `Batch: ${settings.batchSource}.`],
        entries: {
          num_epochs: settings.epochs,
          micro_batch_size: 1,
          gradient_accumulation_steps: settings.gradientAccumulation,
          learning_rate: dpo ? 0.000005 : 0.0002,
          optimizer: 'adamw_torch_fused',
          lr_scheduler: 'cosine',
          bf16: 'auto',
          ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
          output_dir: 'output',
        },
      },
    ]);
    return [{ path: 'axolotl.yaml', content }];
  };

  const notes = facts.weighted && !dpo ? ['assistant message weights were written as the per-message "train" field (message_field_training: train).'] : [];
  return { target: 'axolotl', convert: axolotlRows, dataFile, configs, notes, command: 'axolotl train axolotl.yaml' };
};
