/**
 * An error the fake answers with: OpenAI's envelope `{"error":{message,type,param,code}}` and a
 * status. Handlers throw it; the request pipeline turns it into the response, so every error
 * path produces the same shape the SDK parses into its typed errors.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Extra response headers (retry-after on 429s, x-should-retry). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(400, message, 'invalid_request_error', param, code);

export const missingParameter = (param: string): ApiError =>
  badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');

/** The wording real OpenAI uses for an unknown object ("No such File object: file-…"). */
export const notFound = (kind: string, id: string, param: string | null = 'id'): ApiError =>
  new ApiError(404, `No such ${kind} object: ${id}`, 'invalid_request_error', param, null);

export const modelNotFound = (model: string): ApiError =>
  new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');

/** What api.openai.com answers for a path or method it does not serve. */
export const invalidUrl = (method: string, path: string): ApiError =>
  new ApiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null, null);
