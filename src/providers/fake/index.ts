/** The fake OpenAI server: public API. See server.ts for what it serves and types.ts for options. */
export { startFakeOpenAI } from './server.js';
export type { FakeConfig, FakeHooks, FakeOpenAI, FakeOpenAIOptions, OnCommitted } from './types.js';
export type { ChatBehaviour, ChatContext, ChatMessage, ChatReply, ChatRequest } from './chat/behaviour.js';
export { answerKeyFromChatJsonl, answerKeyHash, type AnswerKeyInput } from './chat/answer-key.js';
export { FakeClock, type FakeClockOptions } from './fake-clock.js';
export type { Fault, FaultKind, FaultSpec, FaultSwitches, JobFailureSpec, ReplyFault } from './faults.js';
export type { ReplyFaultKind, ReplyFaultSpec } from './chat/reply-faults.js';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits.js';
export { DEFAULT_BATCH_LIMITS, type BatchLimits } from './batches/batch-record.js';
export type { RequestLogLine } from './request-log-file.js';
export type { JobTiming } from './jobs/job-record.js';
export { DEFAULT_JOB_TIMING } from './jobs/job-record.js';
export type { LoggedRequest } from './request-log.js';
export type { FakeStore, FineTunedModel, StoredFile } from './store.js';
