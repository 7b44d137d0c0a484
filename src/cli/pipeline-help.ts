import { describeOptions } from '../pipeline/option-docs.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { formatOptionList } from './option-text.js';

/** What `tuneset run <pipeline.ts> --help` adds: the pipeline's `--param`s, read from its zod schema. */
export const formatPipelineParams = (p: Pipeline<unknown>): string => {
  const params = describeOptions(p.params);
  if (params.length === 0) return `${p.name} declares no parameters.`;
  return [`Parameters of ${p.name} (--param NAME=VALUE):`, ...formatOptionList(params)].join('\n');
};
