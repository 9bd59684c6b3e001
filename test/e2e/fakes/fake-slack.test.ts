import { ErrorCode, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_TIER_3, startFakeSlack, type FakeSlack } from './fake-slack.js';

/** The fake is only useful if Slack's own client reads it as it reads Slack: checked here with @slack/web-api. */
describe('fake Slack Web API', () => {
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });
  const client = (fake: FakeSlack) =>
    new WebClient('xoxb-fake', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

  it('stores posts with their metadata, decodes form fields, and finds them again in history', async () => {
    slack = await startFakeSlack();
    const web = client(slack);
    const dm = await web.conversations.open({ users: 'U0DANA' });
    const first = await web.chat.postMessage({
      channel: dm.channel!.id!,
      text: 'hello',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }],
      metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: 'row-1' } },
    });
    await web.chat.postMessage({ channel: dm.channel!.id!, text: 'reply', thread_ts: first.ts! });
    await web.chat.postMessage({ channel: '#launch', text: 'by name' });

    expect(slack.callsOf('chat.postMessage')[0]!.args).toMatchObject({
      blocks: [{ type: 'section' }],
      metadata: { event_payload: { outbox_id: 'row-1' } },
    });
    expect(slack.posted().map((m) => [m.channel, m.text, m.outboxId])).toEqual([
      ['DU0DANA', 'hello', 'row-1'],
      ['DU0DANA', 'reply', undefined],
      ['CLAUNCH', 'by name', undefined],
    ]);
    const history = await web.conversations.history({ channel: 'DU0DANA', include_all_metadata: true, limit: 10 });
    expect(history.messages?.map((m) => [m.text, m.metadata?.event_payload])).toEqual([
      ['hello', { outbox_id: 'row-1' }],
    ]);
    const withoutMetadata = await web.conversations.history({ channel: 'DU0DANA' });
    expect(withoutMetadata.messages?.[0]?.metadata).toBeUndefined();
    const thread = await web.conversations.replies({ channel: 'DU0DANA', ts: first.ts! });
    expect(thread.messages?.map((m) => m.text)).toEqual(['hello', 'reply']);
  });

  it('pages history with cursors and honours oldest', async () => {
    slack = await startFakeSlack();
    const web = client(slack);
    for (let i = 0; i < 5; i += 1) await web.chat.postMessage({ channel: 'C0PAGE', text: `m${i}` });
    const first = await web.conversations.history({ channel: 'C0PAGE', limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
    const second = await web.conversations.history({
      channel: 'C0PAGE',
      limit: 2,
      cursor: first.response_metadata!.next_cursor!,
    });
    expect(second.messages?.map((m) => m.text)).toEqual(['m2', 'm1']);
    const recent = await web.conversations.history({ channel: 'C0PAGE', oldest: second.messages![0]!.ts! });
    expect(recent.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2']);
  });

  it('injects 429 with Retry-After, 5xx and error codes as the client sees them from Slack', async () => {
    slack = await startFakeSlack();
    slack.faults.set('chat.postMessage', (_call, nth) =>
      nth === 1
        ? { kind: 'rate_limited', retryAfterS: 2 }
        : nth === 2
          ? { kind: 'http', status: 503 }
          : nth === 3
            ? { kind: 'error', error: 'channel_not_found' }
            : undefined,
    );
    const web = client(slack);
    const post = () =>
      web.chat
        .postMessage({ channel: 'C0FAULT', text: 'x' })
        .catch(
          (error: unknown) =>
            error as { code: string; retryAfter?: number; statusCode?: number; data?: { error?: string } },
        );
    expect(await post()).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 2 });
    expect(await post()).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(await post()).toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } });
    expect(await post()).toMatchObject({ ok: true });
    // Only the call that succeeded was stored; the 429 is recorded with its Retry-After.
    expect(slack.posted()).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage').map((c) => [c.status, c.retryAfterS, c.error])).toEqual([
      [429, 2, undefined],
      [503, undefined, undefined],
      [200, undefined, 'channel_not_found'],
      [200, undefined, undefined],
    ]);
  });

  it('enforces one post per second per channel when asked: the second post within the second is a 429 and is not stored', async () => {
    slack = await startFakeSlack({ postsPerChannelPerSecond: 1 });
    const web = client(slack);
    const post = (channel: string, text: string) =>
      web.chat
        .postMessage({ channel, text })
        .catch((error: unknown) => error as { code: string; retryAfter?: number; data?: { error?: string } });
    expect(await post('C0BUSY', 'first')).toMatchObject({ ok: true });
    expect(await post('C0BUSY', 'too soon')).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    // What Slack sends on the wire, which the client above only partly exposes.
    const raw = await fetch(`${slack.url}chat.postMessage`, {
      method: 'POST',
      body: new URLSearchParams({ channel: 'C0BUSY', text: 'raw' }),
    });
    expect([raw.status, raw.headers.get('retry-after'), await raw.json()]).toEqual([
      429,
      '1',
      { ok: false, error: 'ratelimited' },
    ]);
    // Another channel has its own allowance, and a DM counts by its conversation id.
    expect(await post('C0QUIET', 'elsewhere')).toMatchObject({ ok: true });
    const dm = await web.conversations.open({ users: 'U0DANA' });
    expect(await post(dm.channel!.id!, 'dm')).toMatchObject({ ok: true });
    expect(slack.posted().map((m) => m.text)).toEqual(['first', 'elsewhere', 'dm']);
    expect(
      slack
        .callsOf('chat.postMessage')
        .filter((c) => c.status === 429)
        .map((c) => [c.args.text, c.retryAfterS, c.channelLimited]),
    ).toEqual([
      ['too soon', 1, true],
      ['raw', 1, true],
    ]);

    // A second after the accepted post (not after the refused one) the channel takes posts again.
    const accepted = slack.callsOf('chat.postMessage')[0]!.receivedAt;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, accepted + 1000 - Date.now())));
    expect(await post('C0BUSY', 'later')).toMatchObject({ ok: true });
    expect(slack.channels.get('C0BUSY')!.map((m) => m.text)).toEqual(['first', 'later']);
  });

  it("posts a message sent to a user id into the app's DM with them and answers with that DM's id", async () => {
    slack = await startFakeSlack();
    const web = client(slack);
    const posted = await web.chat.postMessage({
      channel: 'U0DANA',
      text: 'hello',
      metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: 'row-1' } },
    });
    expect(posted).toMatchObject({ ok: true, channel: 'DU0DANA', message: { text: 'hello' } });
    // The same conversation conversations.open names, where history finds the post.
    expect((await web.conversations.open({ users: 'U0DANA' })).channel?.id).toBe('DU0DANA');
    const history = await web.conversations.history({ channel: 'DU0DANA', include_all_metadata: true });
    expect(history.messages?.map((m) => [m.ts, m.metadata?.event_payload])).toEqual([
      [posted.ts, { outbox_id: 'row-1' }],
    ]);
  });

  it("enforces a method's workspace-wide rate when asked: Tier 3 conversations.open takes a burst of 50, then 429 with Retry-After", async () => {
    slack = await startFakeSlack({ methodLimits: { 'conversations.open': SLACK_TIER_3 } });
    const web = client(slack);
    for (let i = 0; i < 50; i += 1) await web.conversations.open({ users: `U${i}PERSON` });
    const refused = await web.conversations.open({ users: 'U50PERSON' }).catch((error: unknown) => error);
    // 50 a minute: one more call 1.2 s after the bucket ran dry (less what refilled during the burst).
    expect(refused).toMatchObject({ code: ErrorCode.RateLimitedError });
    const last = slack.callsOf('conversations.open').at(-1)!;
    expect([last.status, last.tierLimited]).toEqual([429, true]);
    expect(last.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(last.retryAfterS).toBeLessThanOrEqual(2);
    expect((refused as { retryAfter: number }).retryAfter).toBe(last.retryAfterS);
    // Other methods keep their own allowance.
    expect(await web.chat.postMessage({ channel: 'U0DANA', text: 'still fine' })).toMatchObject({ ok: true });
  });

  it("refills a method's allowance at its rate, and a refused post has no effect", async () => {
    slack = await startFakeSlack({ methodLimits: { 'chat.postMessage': { perMinute: 600, burst: 2 } } });
    const web = client(slack);
    const post = (channel: string, text: string) =>
      web.chat.postMessage({ channel, text }).catch((error: unknown) => error as { code: string; retryAfter: number });
    expect(await post('U0A', 'a')).toMatchObject({ ok: true });
    expect(await post('U0B', 'b')).toMatchObject({ ok: true });
    // Every DM is its own channel, so this is the workspace-wide rate, not the per-channel one.
    expect(await post('U0C', 'c')).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    expect(slack.posted().map((m) => m.text)).toEqual(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await post('U0C', 'c again')).toMatchObject({ ok: true });
    expect(slack.posted().map((m) => [m.channel, m.text])).toEqual([
      ['DU0A', 'a'],
      ['DU0B', 'b'],
      ['DU0C', 'c again'],
    ]);
  });

  it('leaves posting unlimited by default', async () => {
    slack = await startFakeSlack();
    const web = client(slack);
    for (let i = 0; i < 3; i += 1) await web.chat.postMessage({ channel: 'C0BUSY', text: `m${i}` });
    expect(slack.channels.get('C0BUSY')).toHaveLength(3);
  });

  it('answers auth.test and looks users up by email from its directory', async () => {
    slack = await startFakeSlack({ teamId: 'T0DIR', directory: { 'dana@example.com': 'U0DANA' } });
    const web = client(slack);
    expect(await web.auth.test()).toMatchObject({ ok: true, team_id: 'T0DIR', user_id: 'U0BOT' });
    expect(await web.users.lookupByEmail({ email: 'dana@example.com' })).toMatchObject({ user: { id: 'U0DANA' } });
    await expect(web.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
  });
});
