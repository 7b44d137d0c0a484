// Sends the flow's requests to a fake and keeps every answer (status, content type, raw body) so
// they can be checked against the document afterwards. Plain fetch, no SDK: the SDK would parse
// and reshape bodies, and the check must see the bytes the fake sent.

export interface Recorded {
  method: string;
  /** The path as sent, query included. */
  target: string;
  status: number;
  contentType: string;
  text: string;
  /** What the flow was doing: "job while running", "after cancel". */
  note: string;
}

export interface Answer {
  status: number;
  /** The parsed JSON body; undefined when the body is not JSON. */
  json: any;
  text: string;
}

export type RequestBody = { json: unknown } | { form: FormData } | undefined;

export class Recorder {
  constructor(
    private readonly origin: string,
    private readonly apiKey: string,
    readonly records: Recorded[] = [],
  ) {}

  /** The same fake and record list, another key (for the 401 answer). */
  withKey(apiKey: string): Recorder {
    return new Recorder(this.origin, apiKey, this.records);
  }

  async call(method: string, target: string, body?: RequestBody, note = ''): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    let payload: string | FormData | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) payload = body.form;
    const response = await fetch(`${this.origin}${target}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    this.records.push({ method, target, status: response.status, contentType, text, note });
    let json: unknown;
    if (/json/.test(contentType)) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, json, text };
  }

  /** A multipart upload of `content` as `filename` with the given form fields. */
  upload(target: string, filename: string, content: string, fields: Record<string, string>, note = ''): Promise<Answer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([content], { type: 'application/jsonl' }), filename);
    return this.call('POST', target, { form }, note);
  }
}

/** Throws when the flow got something other than what it needs to go on (the fake broke, not the spec). */
export const expectStatus = (answer: Answer, status: number, what: string): Answer => {
  if (answer.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  return answer;
};
