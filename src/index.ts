// The public API: what a pipeline file imports from 'tuneset'. Everything else in src/ is internal.
// `z` is re-exported so a pipeline declares its parameters without depending on zod itself (and
// gets the same zod instance the stages validate with).
import type { clean } from './stages/clean/clean.js';
import type { decontaminate } from './stages/decontaminate/index.js';
import type { dedupe } from './stages/dedupe/dedupe.js';
import type { importArLsat, importCsv, importEvals, importJsonl } from './stages/import/index.js';
import type { nearDedupe } from './stages/near-dedupe/near-dedupe.js';
import type { redactPii } from './stages/pii/redact-pii.js';
import type { qualityFilter } from './stages/quality/index.js';
import type { scrape } from './stages/scrape/scrape.js';
import type { sections } from './stages/sections/sections.js';
import type { split } from './stages/split/split.js';
import type { tokenCheck } from './stages/token-check/index.js';
import type { validateChat } from './stages/validate/index.js';

export { z } from 'zod';

// The builder.
export { pipeline, type Pipeline, type PipelineBuilder, type PipelineOptions, type StageSpec, type TrainSettings } from './pipeline/pipeline.js';

// Custom stages: the helpers the built-in stages are made with, and the shapes they work on.
export {
  defineFilter,
  defineMap,
  defineSource,
  defineStage,
  type InputRecord,
  type PipelineInfo,
  type RejectableItem,
  type Source,
  type Stage,
  type StageContext,
  type WrittenFiles,
} from './pipeline/stage.js';
export { isRecord, type DropReason, type Item, type ItemSource, type Json } from './pipeline/item.js';
export type { Logger } from './pipeline/logger.js';
export type { Clock } from './pipeline/clock.js';
export { ConfigError, SourceError, StageError, TunesetError, UsageError } from './pipeline/errors.js';

// Sources.
export { importArLsat, importCsv, importEvals, importJsonl, type ArLsatQuestion, type EvalMessage, type EvalsData } from './stages/import/index.js';
export { scrape, type ScrapedPage } from './stages/scrape/scrape.js';

// Stages, in the order a pipeline usually has them.
export { sections, type PageSection } from './stages/sections/sections.js';
export { redactPii } from './stages/pii/redact-pii.js';
export { clean } from './stages/clean/clean.js';
export { qualityFilter } from './stages/quality/index.js';
export { decontaminate } from './stages/decontaminate/index.js';
export { dedupe } from './stages/dedupe/dedupe.js';
export { nearDedupe } from './stages/near-dedupe/near-dedupe.js';
export { annotate, type AnnotateOptions } from './stages/annotate/annotate.js';
export { judge, type JudgeOptions } from './stages/annotate/judge.js';
export { annotateWith, type AnnotateWithOptions } from './stages/annotate/annotate-with.js';
export { arLsatGameType, type ArLsatGameType } from './stages/annotate/ar-lsat-game-type.js';
export { labelsFromFile, type LabelsFromFileInput as LabelsFromFileOptions } from './stages/annotate/labels-from-file.js';
export type { Into } from './stages/annotate/merge.js';
export type { ChatWireMessage } from './chat/chat-transport.js';
export { toChat, type ChatTemplate } from './stages/format/to-chat.js';
export { letteredOptions } from './stages/format/lettered-options.js';
export { validateChat } from './stages/validate/index.js';
export { tokenCheck } from './stages/token-check/index.js';
export { split } from './stages/split/split.js';

// What a chat example is (the data after toChat).
export type {
  ChatExample,
  ChatMessage,
  ContentPart,
  ImagePart,
  PreferenceExample,
  TextPart,
  ToolCall,
  ToolDefinition,
  TrainingExample,
} from './stages/format/chat-example.js';

// Option types, as a pipeline writes them (before defaults are filled), named <Factory>Options.
type OptionsOf<F extends (...args: never[]) => unknown> = NonNullable<Parameters<F>[0]>;
export type ImportArLsatOptions = OptionsOf<typeof importArLsat>;
export type ImportCsvOptions = OptionsOf<typeof importCsv>;
export type ImportJsonlOptions = OptionsOf<typeof importJsonl>;
export type ImportEvalsOptions = OptionsOf<typeof importEvals>;
export type ScrapeOptions = OptionsOf<typeof scrape>;
export type SectionsOptions = OptionsOf<typeof sections>;
export type RedactPiiOptions = OptionsOf<typeof redactPii>;
export type CleanOptions = OptionsOf<typeof clean>;
export type QualityFilterOptions = OptionsOf<typeof qualityFilter>;
export type DecontaminateOptions = OptionsOf<typeof decontaminate>;
export type DedupeOptions = OptionsOf<typeof dedupe>;
export type NearDedupeOptions = OptionsOf<typeof nearDedupe>;
export type ValidateChatOptions = OptionsOf<typeof validateChat>;
export type TokenCheckOptions = OptionsOf<typeof tokenCheck>;
export type SplitOptions = OptionsOf<typeof split>;
