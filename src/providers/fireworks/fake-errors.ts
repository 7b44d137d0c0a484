import type { Reply } from '../fake/router.js';

/**
 * The errors the fake's Fireworks dialect answers with. Fireworks' control plane is a gRPC service
 * behind a REST gateway (its OpenAPI document is titled "Gateway REST API", its SDK's types are
 * `gateway*`), whose errors are the gateway's `{code, message, details}` with the gRPC code as a
 * number and the HTTP status it maps to. The reference lists the statuses (400, 401, 404, 500),
 * not the body; this is the gateway's default shape. Errors the shared core answers (auth, fault
 * switches) keep OpenAI's `{error: {...}}` envelope, which Fireworks' inference endpoint also uses.
 */
const GRPC: Record<string, { code: number; status: number }> = {
  INVALID_ARGUMENT: { code: 3, status: 400 },
  NOT_FOUND: { code: 5, status: 404 },
  ALREADY_EXISTS: { code: 6, status: 409 },
  FAILED_PRECONDITION: { code: 9, status: 400 },
};

export type GrpcCode = keyof typeof GRPC;

export const gatewayError = (code: GrpcCode, message: string): Reply => ({
  status: GRPC[code]!.status,
  json: { code: GRPC[code]!.code, message, details: [] },
});

/** Thrown by handlers, turned into a reply by `answering`. */
export class GatewayError extends Error {
  constructor(
    readonly code: GrpcCode,
    message: string,
  ) {
    super(message);
  }
}

export const answering =
  <C>(handler: (ctx: C) => Reply | Promise<Reply>) =>
  async (ctx: C): Promise<Reply> => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof GatewayError) return gatewayError(error.code, error.message);
      throw error;
    }
  };
