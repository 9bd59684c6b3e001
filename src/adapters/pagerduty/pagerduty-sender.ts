import { clampText } from '../../domain/text-clamp.js';
import { isPagerDutyEvent, type PagerDutyEvent } from '../../service/messages/pagerduty-event.js';
import type { OutgoingMessage, SendResult, Sender } from '../../service/ports/sender.js';

export interface PagerDutySenderOptions {
  /** The Events API v2 integration key of the service to page (config: PAGERDUTY_ROUTING_KEY). */
  routingKey: string;
  /** config: PAGERDUTY_EVENTS_URL, https://events.pagerduty.com/v2/enqueue unless overridden. */
  eventsUrl: string;
  /** Per request; a hung connection becomes a transient failure and is retried. */
  timeoutMs?: number;
}

// PagerDuty limits events per routing key per minute and does not always say when to come back:
// waiting out a whole window is the safe default.
const DEFAULT_RETRY_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Delivers queued PagerDuty events (src/service/messages/pagerduty-event.ts) to the Events API v2. The
 * routing key is added here, at the last moment, so it is never stored in the outbox and never
 * appears in a failure reason (those are stored and shown to leads).
 */
export class PagerDutySender implements Sender {
  private readonly routingKey: string;
  private readonly eventsUrl: string;
  private readonly timeoutMs: number;

  constructor(options: PagerDutySenderOptions) {
    this.routingKey = options.routingKey;
    this.eventsUrl = options.eventsUrl;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!isPagerDutyEvent(message.payload)) {
      return {
        ok: false,
        kind: 'permanent',
        reason:
          'Not a PagerDuty event (needs event_action trigger/acknowledge/resolve, a dedup_key, and a payload summary for a trigger); nothing was sent.',
      };
    }
    // A routing key in a stored payload would be a bug elsewhere; the configured one always wins.
    const { routing_key: _ignored, ...event } = message.payload as PagerDutyEvent & { routing_key?: unknown };
    let response: Response;
    try {
      response = await fetch(this.eventsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...event, routing_key: this.routingKey }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return {
        ok: false,
        kind: 'transient',
        reason: this.redact(`PagerDuty could not be reached: ${describeNetworkError(error)}`),
      };
    }
    const body = await readJson(response);
    if (response.status === 202 || response.status === 200) {
      return { ok: true, ref: typeof body?.dedup_key === 'string' ? body.dedup_key : event.dedup_key };
    }
    const detail = this.redact(errorDetail(body));
    if (response.status === 429) {
      return {
        ok: false,
        kind: 'rate_limited',
        reason: `PagerDuty rate limit (HTTP 429)${detail}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    }
    if (response.status >= 500 || response.status === 408) {
      return { ok: false, kind: 'transient', reason: `PagerDuty answered HTTP ${response.status}${detail}` };
    }
    return {
      ok: false,
      kind: 'permanent',
      reason: `PagerDuty refused the ${event.event_action} event (HTTP ${response.status})${detail}. ${hint(response.status)}`,
    };
  }

  /** Belt and braces: an error that echoes our request must not carry the key into logs or the outbox. */
  private redact(text: string): string {
    return this.routingKey === '' ? text : text.split(this.routingKey).join('[routing key]');
  }
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** PagerDuty's own words: `{ status, message, errors: [...] }` on 4xx. */
function errorDetail(body: Record<string, unknown> | null): string {
  if (body === null) return '';
  const message =
    typeof body['message'] === 'string' ? body['message'] : typeof body['status'] === 'string' ? body['status'] : '';
  const errors = Array.isArray(body['errors']) ? body['errors'].filter((e): e is string => typeof e === 'string') : [];
  const text = [message, ...errors].filter((part) => part !== '').join('; ');
  return text === '' ? '' : `: ${clampText(text, 500)}`;
}

function hint(status: number): string {
  if (status === 400) return 'Check PAGERDUTY_ROUTING_KEY (an Events API v2 integration key of the service to page).';
  if (status === 401 || status === 403 || status === 404)
    return 'Check PAGERDUTY_EVENTS_URL and PAGERDUTY_ROUTING_KEY.';
  return 'Retrying will not help; fix the configuration and re-queue.';
}

/** Retry-After in seconds (what PagerDuty and proxies send); an HTTP date or junk falls back to the default. */
function retryAfterMs(header: string | null): number {
  if (header === null || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return DEFAULT_RETRY_AFTER_MS;
  return Math.round(Number(header) * 1000);
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
