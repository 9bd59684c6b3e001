import type { IncomingMessage } from 'node:http';

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
 * Reads the body up to `limit` bytes. A request over it is refused as soon as it is seen to be
 * (declared length or bytes received) so a client cannot make the bot buffer an unbounded body.
 * The request is paused, not destroyed, so the 413 can still be written on its socket.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(tooLarge(limit));
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', stop);
  });
}

/** The body as a JSON object (an activity is always one). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BodyError(400, `The request body is not valid JSON (${(error as Error).message}); send a Bot Framework activity as application/json.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyError(400, 'The request body must be a JSON object (a Bot Framework activity).');
  }
  if (typeof (value as { type?: unknown }).type !== 'string') {
    throw new BodyError(400, 'The activity has no "type"; a Bot Framework activity needs one (message, invoke, conversationUpdate, …).');
  }
  return value as Record<string, unknown>;
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, `The request body is larger than ${limit} bytes; Teams activities are far smaller.`);
}
