import { LORA } from './settings.js';
import { baseModelComment, dataFile, headerComment, type TrainerFactory } from './trainer.js';
import { trlRows } from './trl-rows.js';
import { renderYaml, type YamlBlock } from './yaml.js';

/**
 * TRL's DPOConfig up to 0.28 cuts every prompt to max_prompt_length, 512 tokens by default
 * (trl/trainer/dpo_config.py), and has max_completion_length (default None); 0.28 deprecates both and
 * 0.29 removed them, its `trl dpo` ignoring the keys (trl/scripts/dpo.py). A prompt or a completion is
 * never longer than the whole example, so max_length bounds both; these limits only cut, never pad.
 */
const DPO_PART_LIMITS = [
  'max_prompt_length, max_completion_length: max_length, which no prompt or completion exceeds. TRL before 0.29 cuts prompts',
  'to 512 tokens by default; TRL 0.29 and later dropped both settings and ignores them here.',
];

/**
 * TRL: a YAML config for the `trl sft` / `trl dpo` CLIs (TRL docs/source/clis.md, "Using
 * Configuration Files"). Keys are the fields of ScriptArguments, SFTConfig/DPOConfig and
 * ModelConfig (trl/scripts/sft.py parses exactly those; trl/scripts/utils.py ScriptArguments).
 * `dataset_name: data` loads the local folder with 🤗 Datasets, which names splits after the file
 * names train/validation/test (Hub docs, datasets-file-names-and-splits).
 */
export const trl: TrainerFactory = (facts, settings) => {
  const dpo = facts.kind === 'dpo';
  // One TRL dataset cannot mix row layouts, so any weight 0 switches the whole run to prompt-completion.
  const expand = !dpo && facts.weightZero;
  const config = dpo ? 'dpo_config.yaml' : 'sft_config.yaml';
  const command = `trl ${dpo ? 'dpo' : 'sft'} --config ${config}`;

  const configs = (splits: readonly string[]) => {
    const validation = splits.includes('validation');
    const loss: YamlBlock = dpo
      ? { comment: ['DPO: beta is the strength of the pull towards the reference model (TRL default 0.1).'], entries: { beta: 0.1 } }
      : expand
        ? {
            comment: [
              'Rows are prompt-completion pairs: TRL computes the loss on the completion only (completion_only_loss),',
              'which is how weight-0 assistant messages stay untrained.',
            ],
            entries: { completion_only_loss: true },
          }
        : {
            comment: [
              'Loss on assistant messages only, as OpenAI trains. Needs {% generation %} markers in the chat',
              'template; TRL adds them for known families such as Qwen3 (TRL docs, sft_trainer.md).',
            ],
            entries: { assistant_only_loss: true },
          };
    const blocks: YamlBlock[] = [
      { comment: [...headerComment(`TRL config for \`${command}\``, settings), '', ...baseModelComment(settings)], entries: { model_name_or_path: settings.baseModel } },
      {
        comment: ['Data: data/<split>.jsonl; the split name comes from the file name.'],
        entries: {
          dataset_name: 'data',
          dataset_train_split: 'train',
          ...(validation ? { dataset_test_split: 'validation', eval_strategy: 'epoch' } : { eval_strategy: 'no' }),
        },
      },
      loss,
      {
        comment: [
          `Epochs: ${settings.epochsSource}.`,
          `max_length: ${settings.sequenceSource}.`,
          ...(dpo ? DPO_PART_LIMITS : []),
          `Batch: ${settings.batchSource}.`,
        ],
        entries: {
          num_train_epochs: settings.epochs,
          max_length: settings.sequenceLength,
          ...(dpo ? { max_prompt_length: settings.sequenceLength, max_completion_length: settings.sequenceLength } : {}),
          per_device_train_batch_size: 1,
          gradient_accumulation_steps: settings.gradientAccumulation,
          learning_rate: dpo ? 0.000005 : 0.0002,
          ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
          output_dir: 'output',
          report_to: 'none',
        },
      },
      {
        comment: ['LoRA adapter (peft), with the defaults of TRL ModelConfig.'],
        entries: { use_peft: true, lora_r: LORA.r, lora_alpha: LORA.alpha, lora_dropout: LORA.dropout, lora_target_modules: 'all-linear' },
      },
    ];
    return [{ path: config, content: renderYaml(blocks) }];
  };

  const notes = expand
    ? ['weight-0 assistant messages: TRL has no per-message weights, so each assistant message OpenAI trains on became its own prompt-completion row (its conversation so far as the prompt).']
    : [];
  return { target: 'trl', convert: trlRows(expand), dataFile, configs, notes, command };
};
