import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The request log file (`requestLog` option, `tuneset fake-openai --request-log FILE`): one JSON
 * line per request, appended when its answer is sent or its connection dropped, so anyone can
 * count from outside what a run asked for and got (e.g. chat bodies answered 200 twice: lines
 * with path /v1/chat/completions and status 200, grouped by bodySha256). Each line is written by
 * one appendFileSync, whole: a client killed mid-run never leaves a torn line. No header, key or
 * body content is ever written; only the body's hash.
 */
export interface RequestLogLine {
  /** Real wall-clock time the answer was sent or the connection dropped (ISO). */
  time: string;
  /** The fake's simulated time when the request arrived (ISO), as in `fake.requests`. */
  at: string;
  method: string;
  /** The path as received, without the query (an Azure path keeps its `/openai/...` shape). */
  path: string;
  /** The status sent; null when no answer went out (a dropped connection, a client gone first). */
  status: number | null;
  /** sha256 (hex) of the raw request body bytes; of the empty string when there was none. */
  bodySha256: string;
  /** The `x-request-id` answered. */
  requestId: string;
  /** Real milliseconds from arrival to answer. */
  ms: number;
}

export class RequestLogFile {
  private failed = false;

  /** Creates the file's directory and opens it for appending now, so an unwritable path fails at start. */
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '');
  }

  write(line: RequestLogLine): void {
    if (this.failed) return;
    try {
      appendFileSync(this.path, `${JSON.stringify(line)}\n`);
    } catch (error) {
      // A full disk must not take the server down mid-run; say so once and stop writing.
      this.failed = true;
      process.emitWarning(`fake OpenAI: the request log ${this.path} stopped being written: ${(error as Error).message}`);
    }
  }
}
