/** The OpenAI fine-tuning line shapes (openai-api.md §3.1, §3.3): exactly what is written and uploaded. */

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'low' | 'high' | 'auto' };
}

export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  function_call?: { name: string; arguments: string };
  refusal?: string | null;
  /** Assistant messages only: 0 excludes the message from training loss. */
  weight?: 0 | 1;
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** Supervised fine-tuning line. */
export interface ChatExample {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  parallel_tool_calls?: boolean;
}

/** Direct preference optimisation line. */
export interface PreferenceExample {
  input: ChatExample;
  preferred_output: ChatMessage[];
  non_preferred_output: ChatMessage[];
}

export type TrainingExample = ChatExample | PreferenceExample;

export const isPreferenceExample = (e: TrainingExample): e is PreferenceExample => 'input' in e;
