import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/** Why a request body was refused, with the HTTP status the route answers. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads the body up to `limit` bytes with raw-body (as the Slack guard does), which refuses a
 * declared or streamed length over it without buffering the rest. Other read errors (the client
 * went away) are passed on as they are.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge(limit);
    throw error;
  }
}

/** The body as a JSON object (an activity is always one). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BodyError(
      400,
      `The request body is not valid JSON (${(error as Error).message}); send a Bot Framework activity as application/json.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyError(400, 'The request body must be a JSON object (a Bot Framework activity).');
  }
  if (typeof (value as { type?: unknown }).type !== 'string') {
    throw new BodyError(
      400,
      'The activity has no "type"; a Bot Framework activity needs one (message, invoke, conversationUpdate, …).',
    );
  }
  return value as Record<string, unknown>;
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, `The request body is larger than ${limit} bytes; Teams activities are far smaller.`);
}
