import { describe, expect, it } from 'vitest';
import { PagerDutyTranscriptSender } from '../../../../src/adapters/pagerduty/pagerduty-transcript-sender.js';
import { pagerDutyFollowUp, pagerDutyTrigger } from '../../../../src/service/messages/pagerduty-event.js';
import type { OutgoingMessage, SenderJson } from '../../../../src/service/ports/sender.js';

const outgoing = (payload: unknown): OutgoingMessage => ({
  id: 'row',
  idempotencyKey: 'k',
  platform: 'pagerduty',
  target: 'b-1',
  payload: payload as SenderJson,
  attempt: 1,
});

describe('PagerDutyTranscriptSender (simulate)', () => {
  it('prints the page and its resolution as transcript lines instead of paging', async () => {
    const lines: string[] = [];
    const sender = new PagerDutyTranscriptSender((line) => lines.push(`${line.target}: ${line.text}`));
    const trigger = pagerDutyTrigger({
      planName: 'Sprint',
      blocker: { id: 'b-1', number: 2, summary: 'keys missing', openedAt: new Date('2026-12-12T18:00:00Z') },
      task: null,
      owner: null,
      reportedBy: 'Luis',
      tier: { number: 3 },
      now: new Date('2026-12-13T02:00:00Z'),
    });
    expect(await sender.send(outgoing(trigger))).toEqual({ ok: true, ref: 'b-1' });
    expect(await sender.send(outgoing(pagerDutyFollowUp('resolve', 'b-1')))).toEqual({ ok: true, ref: 'b-1' });
    expect(lines).toEqual([
      'PagerDuty: PagerDuty trigger (dedup b-1): [Sprint] Blocker #2: keys missing',
      'PagerDuty: PagerDuty resolve (dedup b-1)',
    ]);
    expect(await sender.send(outgoing({ kind: 'reply', text: 'hi', blocks: [] }))).toMatchObject({
      ok: false,
      kind: 'permanent',
    });
  });
});
