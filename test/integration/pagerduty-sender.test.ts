import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PagerDutySender } from '../../src/adapters/pagerduty/pagerduty-sender.js';
import { pagerDutyFollowUp, pagerDutyTrigger } from '../../src/service/messages/pagerduty-event.js';
import type { OutgoingMessage, SenderJson } from '../../src/service/ports/sender.js';

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';
const HOST = 'https://events.pagerduty.test';
const sender = new PagerDutySender({ routingKey: ROUTING_KEY, eventsUrl: `${HOST}/v2/enqueue` });

const trigger = pagerDutyTrigger({
  planName: 'Checkout sprint',
  blocker: { id: 'b-1f2e', number: 3, summary: 'waiting on GA4 API keys', openedAt: new Date('2026-12-09T18:00:00Z') },
  task: { key: 'd3', title: 'Data ingestion' },
  owner: 'Luis Romero',
  reportedBy: 'Luis Romero',
  tier: { number: 3, label: 'Tertiary' },
  schedule: 'AIML-Auto',
  now: new Date('2026-12-10T02:00:00Z'),
});

function outgoing(payload: SenderJson, attempt = 1): OutgoingMessage {
  return {
    id: 'row-1',
    idempotencyKey: 'pagerduty:b-1f2e:trigger:2',
    platform: 'pagerduty',
    target: 'b-1f2e',
    payload,
    attempt,
  };
}

describe('PagerDutySender (Events API v2)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('posts the trigger with the routing key added, and answers with the dedup key as the reference', async () => {
    let body: Record<string, unknown> = {};
    nock(HOST)
      .post('/v2/enqueue', (b: Record<string, unknown>) => ((body = b), true))
      .matchHeader('content-type', 'application/json')
      .reply(202, { status: 'success', message: 'Event processed', dedup_key: 'b-1f2e' });
    const result = await sender.send(outgoing(trigger as unknown as SenderJson));
    expect(result).toEqual({ ok: true, ref: 'b-1f2e' });
    expect(body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'b-1f2e',
      payload: {
        summary: '[Checkout sprint] Blocker #3 on d3 (Data ingestion): waiting on GA4 API keys',
        source: 'planbot',
        severity: 'error',
        custom_details: {
          plan: 'Checkout sprint',
          blocker: 3,
          task: 'd3 Data ingestion',
          age: '8 h',
          schedule: 'AIML-Auto',
        },
      },
    });
  });

  it.each(Array.from({ length: 11 }, (_, offset) => offset))(
    'posts a long summary cut under 1024 characters without breaking the emoji at the cut (offset %i)',
    async (offset) => {
      const FAMILY = '👨‍👩‍👧‍👦'; // one character on screen, 11 UTF-16 units
      const prefix = '[Checkout sprint] Blocker #3: ';
      const summary = `${'a'.repeat(980 + offset)}${FAMILY.repeat(10)}`;
      const event = pagerDutyTrigger({
        planName: 'Checkout sprint',
        blocker: { id: 'b-1f2e', number: 3, summary, openedAt: new Date('2026-12-09T18:00:00Z') },
        task: null,
        owner: null,
        reportedBy: null,
        tier: { number: 3 },
        now: new Date('2026-12-10T02:00:00Z'),
      });
      let raw = '';
      nock(HOST)
        .post('/v2/enqueue', (b: unknown) => ((raw = JSON.stringify(b)), true))
        .reply(202, { status: 'success', message: 'Event processed', dedup_key: 'b-1f2e' });
      expect(await sender.send(outgoing(event as unknown as SenderJson))).toEqual({ ok: true, ref: 'b-1f2e' });
      const sent = (JSON.parse(raw) as { payload: { summary: string } }).payload.summary;
      expect(sent.length).toBeLessThanOrEqual(1024);
      // A lone surrogate goes over the wire as an escaped \ud83d: PagerDuty shows it as a broken character.
      expect(raw).not.toMatch(/\\ud[89ab][0-9a-f]{2}/i);
      expect(sent.startsWith(prefix)).toBe(true);
      expect(sent.endsWith('…')).toBe(true);
      expect(sent.slice(prefix.length, -1).replace(/^a+/, '').split(FAMILY).join('')).toBe('');
    },
  );

  it('sends a resolve with the same dedup key and nothing else but the key', async () => {
    let body: Record<string, unknown> = {};
    nock(HOST)
      .post('/v2/enqueue', (b: Record<string, unknown>) => ((body = b), true))
      .reply(202, { status: 'success', message: 'Event processed', dedup_key: 'b-1f2e' });
    expect(await sender.send(outgoing(pagerDutyFollowUp('resolve', 'b-1f2e') as unknown as SenderJson))).toEqual({
      ok: true,
      ref: 'b-1f2e',
    });
    expect(body).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'b-1f2e' });
  });

  it('parks a 400 with PagerDuty’s own explanation, and never repeats the routing key', async () => {
    nock(HOST)
      .post('/v2/enqueue')
      .reply(400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: [`'routing_key' ${ROUTING_KEY} is not a valid integration key`],
      });
    const result = await sender.send(outgoing(trigger as unknown as SenderJson));
    expect(result).toMatchObject({ ok: false, kind: 'permanent' });
    const reason = result.ok ? '' : result.reason;
    expect(reason).toContain('HTTP 400');
    expect(reason).toContain('Event object is invalid');
    expect(reason).toContain('PAGERDUTY_ROUTING_KEY');
    expect(reason).not.toContain(ROUTING_KEY);
  });

  it('backs off on 429 for as long as Retry-After says, or a minute when it says nothing', async () => {
    nock(HOST)
      .post('/v2/enqueue')
      .reply(
        429,
        { status: 'throttle event', message: 'Requests for this service are arriving too quickly' },
        { 'Retry-After': '7' },
      );
    expect(await sender.send(outgoing(trigger as unknown as SenderJson))).toMatchObject({
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    nock(HOST).post('/v2/enqueue').reply(429, 'Too Many Requests');
    expect(await sender.send(outgoing(trigger as unknown as SenderJson, 2))).toMatchObject({
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: 60_000,
    });
  });

  it('retries 5xx answers and network failures', async () => {
    nock(HOST).post('/v2/enqueue').reply(503, 'upstream unavailable');
    expect(await sender.send(outgoing(trigger as unknown as SenderJson))).toMatchObject({
      ok: false,
      kind: 'transient',
      reason: 'PagerDuty answered HTTP 503',
    });
    nock(HOST).post('/v2/enqueue').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const failed = await sender.send(outgoing(trigger as unknown as SenderJson));
    expect(failed).toMatchObject({ ok: false, kind: 'transient' });
    expect(failed.ok ? '' : failed.reason).toMatch(/PagerDuty could not be reached/);
  });

  it('refuses a payload that is not an event (a chat message queued for PagerDuty by mistake) without calling PagerDuty', async () => {
    const result = await sender.send(outgoing({ kind: 'escalation', text: 'hi', blocks: [] }));
    expect(result).toMatchObject({ ok: false, kind: 'permanent' });
  });
});
