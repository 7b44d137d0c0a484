/** What the message rules need to know about the example around them. */
export interface ExampleContext {
  /** Supervised (`messages`) or preference (DPO `input` + outputs): DPO is text only and has no weights. */
  readonly mode: 'sft' | 'preference';
  /** Function names declared by `tools`, or undefined when the example declares none. */
  readonly toolNames: ReadonlySet<string> | undefined;
  /** Function names declared by the deprecated `functions`, or undefined. */
  readonly functionNames: ReadonlySet<string> | undefined;
  /** `parallel_tool_calls: false` forbids more than one tool call per assistant message. */
  readonly parallelToolCalls: boolean;
  /** Tool call ids seen so far in the example: ids must be unique for tool messages to refer to them. */
  readonly callIds: Set<string>;
  /** Images seen so far in the example (OpenAI allows at most 10 per example). */
  images: number;
}

export const newContext = (mode: ExampleContext['mode'], tools: Pick<ExampleContext, 'toolNames' | 'functionNames' | 'parallelToolCalls'>): ExampleContext => ({
  mode,
  ...tools,
  callIds: new Set(),
  images: 0,
});
