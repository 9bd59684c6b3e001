import type { IncomingMessage } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import getRawBody from 'raw-body';
import type { Clock } from '../../service/ports/clock.js';
import type { SeenRequests } from './seen-requests.js';

/** Slack's own window: Bolt refuses requests signed more than five minutes ago. */
const WINDOW_SECONDS = 300;
const SWEEP_EVERY = 500;

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 413; reason: string };

/**
 * What Bolt's signature check leaves open: it refuses old timestamps but not ones from the
 * future, and it accepts the same signed request twice. Before Bolt sees a request we read the
 * body (with a size limit), refuse missing headers, timestamps more than five minutes either
 * side of real time and bad signatures, and then any signature already accepted in the window —
 * recorded (SeenRequests) only once verified (so a forgery cannot burn a genuine signature),
 * and shared by all replicas. Bolt reuses the buffered body and verifies again.
 */
export class SlackRequestGuard {
  private inserted = 0;

  constructor(
    private readonly options: { seen: SeenRequests; clock: Clock; signingSecret: string; bodyLimitBytes: number },
  ) {}

  async check(req: IncomingMessage): Promise<GuardVerdict> {
    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !timestamp) return refuse('missing x-slack-signature or x-slack-request-timestamp');
    // Exactly Slack's form: Bolt ignores anything after a second "=", so "v0=<hex>=x" would verify
    // under a new replay key if it were let through.
    if (!/^v0=[0-9a-f]{64}$/.test(signature)) return refuse('malformed signature');
    if (!/^\d{1,12}$/.test(timestamp)) return refuse('malformed timestamp');
    const now = this.options.clock.now().getTime();
    const skew = Number(timestamp) - Math.floor(now / 1000);
    if (skew > WINDOW_SECONDS) return refuse(`timestamp ${skew} s in the future`);
    let body: Buffer;
    try {
      body = await getRawBody(req, { limit: this.options.bodyLimitBytes });
    } catch (error) {
      const tooLarge = (error as { type?: string }).type === 'entity.too.large';
      return {
        ok: false,
        status: tooLarge ? 413 : 401,
        reason: tooLarge ? `body over ${this.options.bodyLimitBytes} bytes` : 'unreadable body',
      };
    }
    const valid = isValidSlackRequest({
      signingSecret: this.options.signingSecret,
      body: body.toString(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: now,
    });
    if (!valid) return refuse(skew < -WINDOW_SECONDS ? `timestamp ${-skew} s old` : 'signature does not match');
    const expiresAt = new Date((Number(timestamp) + WINDOW_SECONDS) * 1000);
    if (!(await this.options.seen.firstSeen(`slack:${signature}`, expiresAt)))
      return refuse('replayed request (signature already seen)');
    if ((this.inserted += 1) % SWEEP_EVERY === 0) await this.options.seen.forgetExpired(new Date(now));
    // Bolt reads `rawBody` when present instead of the (already consumed) stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    return { ok: true };
  }
}

function refuse(reason: string): GuardVerdict {
  return { ok: false, status: 401, reason };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
