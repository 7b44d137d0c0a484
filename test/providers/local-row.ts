/**
 * The local table's first row as lookups and `tuneset models --json` give it, written out by hand
 * (the expected value, not read from src): the model is its own base, its native context the
 * limit, no prices or dates.
 */
export const LOCAL_QWEN3_0_6B_ROW = {
  provider: 'local',
  name: 'Qwen/Qwen3-0.6B',
  baseModel: 'Qwen/Qwen3-0.6B',
  tokenizer: 'qwen3',
  tokenLimit: 32_768,
  methods: ['supervised', 'dpo'],
  adaptations: ['lora', 'full'],
  trainingPricePerMTokens: null,
  baseInputPricePerMTokens: null,
  baseOutputPricePerMTokens: null,
  fineTunedInputPricePerMTokens: null,
  fineTunedOutputPricePerMTokens: null,
  shutdownDate: null,
  newJobsEndDate: null,
  newCustomers: true,
  aliases: [],
} as const;
