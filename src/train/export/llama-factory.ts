import { llamaFactoryRows } from './llama-factory-rows.js';
import { DEFAULT_LLAMA_FACTORY_TEMPLATE, LORA } from './settings.js';
import { baseModelComment, dataFile, headerComment, type TrainerFactory } from './trainer.js';
import { renderYaml, type YamlMap } from './yaml.js';

/** The tags that let sharegpt read OpenAI-style messages (LLaMA-Factory data/README.md, "OpenAI Format"). */
const TAGS = {
  role_tag: 'role',
  content_tag: 'content',
  user_tag: 'user',
  assistant_tag: 'assistant',
  system_tag: 'system',
  function_tag: 'function_call',
  observation_tag: 'observation',
} as const;

/**
 * LLaMA-Factory: data/dataset_info.json describing the split files, and train_lora.yaml for
 * `llamafactory-cli train train_lora.yaml`, shaped like the repository's
 * examples/train_lora/qwen3_lora_sft.yaml and qwen3_lora_dpo.yaml.
 */
export const llamaFactory: TrainerFactory = (facts, settings) => {
  const dpo = facts.kind === 'dpo';
  const expand = !dpo && facts.weightZero;
  const name = (split: string) => `${settings.pipeline.replace(/[^A-Za-z0-9_.-]/g, '_')}_${split}`;

  const datasetInfo = (splits: readonly string[]) => {
    const columns = { messages: 'messages', ...(dpo ? { chosen: 'chosen', rejected: 'rejected' } : {}), ...(facts.tools ? { tools: 'tools' } : {}) };
    const entry = (split: string) => ({ file_name: `${split}.jsonl`, formatting: 'sharegpt', ...(dpo ? { ranking: true } : {}), columns, tags: TAGS });
    return `${JSON.stringify(Object.fromEntries(splits.map((s) => [name(s), entry(s)])), null, 2)}\n`;
  };

  const configs = (splits: readonly string[]) => {
    const validation = splits.includes('validation');
    const template = settings.baseModelIsPlaceholder ? DEFAULT_LLAMA_FACTORY_TEMPLATE : 'CHANGE_ME';
    const method: YamlMap = {
      stage: dpo ? 'dpo' : 'sft',
      do_train: true,
      finetuning_type: 'lora',
      lora_rank: LORA.r,
      lora_alpha: LORA.alpha,
      lora_dropout: LORA.dropout,
      lora_target: 'all',
      ...(dpo ? { pref_beta: 0.1, pref_loss: 'sigmoid' } : {}),
    };
    const yaml = renderYaml([
      { comment: [...headerComment('LLaMA-Factory config for `llamafactory-cli train train_lora.yaml`', settings), '', ...baseModelComment(settings)], entries: { model_name_or_path: settings.baseModel } },
      { comment: ['Method: LoRA on every linear layer.'], entries: method },
      {
        comment: [
          'Data: the datasets described in data/dataset_info.json.',
          settings.baseModelIsPlaceholder
            ? `template: ${DEFAULT_LLAMA_FACTORY_TEMPLATE} matches the placeholder model (no reasoning traces in OpenAI data).`
            : 'template: CHANGE_ME, set the LLaMA-Factory template of your base model (its README lists them).',
          `cutoff_len: ${settings.sequenceSource}.`,
          ...(expand ? ['mask_history: every row ends with the one assistant message it trains (weight-0 messages stay context).'] : []),
        ],
        entries: {
          dataset_dir: 'data',
          dataset: name('train'),
          ...(validation ? { eval_dataset: name('validation') } : {}),
          template,
          cutoff_len: settings.sequenceLength,
          ...(expand ? { mask_history: true } : {}),
        },
      },
      { comment: ['Output'], entries: { output_dir: 'output', logging_steps: 10, plot_loss: true, report_to: 'none' } },
      {
        comment: [`Epochs: ${settings.epochsSource}.`, `Batch: ${settings.batchSource}.`],
        entries: {
          per_device_train_batch_size: 1,
          gradient_accumulation_steps: settings.gradientAccumulation,
          learning_rate: dpo ? 0.000005 : 0.0001,
          num_train_epochs: settings.epochs,
          lr_scheduler_type: 'cosine',
          warmup_ratio: 0.1,
          bf16: true,
          ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
          ...(validation ? { per_device_eval_batch_size: 1, eval_strategy: 'epoch' } : {}),
        },
      },
    ]);
    return [
      { path: 'data/dataset_info.json', content: datasetInfo(splits) },
      { path: 'train_lora.yaml', content: yaml },
    ];
  };

  const notes = expand
    ? ['weight-0 assistant messages: LLaMA-Factory has no per-message weights, so each assistant message OpenAI trains on became its own row, trained with mask_history: true.']
    : [];
  return { target: 'llama-factory', convert: llamaFactoryRows(expand, facts.tools), dataFile, configs, notes, command: 'llamafactory-cli train train_lora.yaml' };
};
