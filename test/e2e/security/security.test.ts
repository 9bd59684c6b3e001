import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toAdaptiveCard } from '../../../src/adapters/teams/adaptive-card.js';
import { parseCommandText } from '../../../src/service/commands/parse-command.js';
import {
  blockAction,
  interactivePayload,
  postSlack,
  signSlack,
  slashCommand,
  viewSubmission,
  type SignedRequest,
} from '../../support/slack-requests.js';
import {
  createBotFrameworkKeys,
  nockBotFrameworkOpenId,
  signBotToken,
  type BotTokenClaims,
} from '../../support/teams-auth.js';
import { createTestApp, importYaml } from '../../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../../support/test-databases.js';
import {
  ALPHA,
  ALPHA_BLOCKER,
  ALPHA_CHANNEL,
  ALPHA_PLAN,
  BETA,
  BETA_CHANNEL,
  EVIL,
  EVIL_CHANNEL,
  GULL_CHANNEL,
  gullYaml,
  HOSTILE_SUMMARY,
  OSPREY_CHANNEL,
  hostileYaml,
  planYaml,
  SERVICE_URL,
  TENANT,
} from './security-fixtures.js';
import {
  captureResponseUrls,
  eventually,
  rowCounts,
  SECRETS,
  servePlanbot,
  SLACK_ADMIN,
  TEAMS_APP_ID,
  type ServedPlanbot,
} from './security-harness.js';

// One key set for the file: botbuilder caches the published keys per process.
const keys = createBotFrameworkKeys();
const webchatOnly = createBotFrameworkKeys({ endorsements: ['webchat'] });

interface SlackReply {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

describe.each(storeKinds())('security of a served planbot with Slack and Teams (%s)', (kind) => {
  let db: TestDatabase;
  let served: ServedPlanbot;
  let alphaBlocker: { id: string; number: number };
  /** Every JWT and Authorization value sent in this run; none may be logged. */
  const sentCredentials: string[] = [];
  let refusals = 0;

  const slash = (
    team: string,
    channel: string,
    user: string,
    text: string,
    options: Parameters<typeof signSlack>[2] = {},
  ) => signSlack(slashCommand({ team, channel, user, text }), 'form', options);
  const post = (request: SignedRequest, headers: Record<string, string | undefined> = {}) =>
    postSlack(served.base, request, headers);
  const replyOf = (text: string): SlackReply => JSON.parse(text) as SlackReply;

  /** Runs a refused request and checks nothing the brief lists was written. */
  async function refusedWithoutWrites<T>(act: () => Promise<T>): Promise<T> {
    const before = await rowCounts(db);
    const result = await act();
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.prisma.blocker.findUniqueOrThrow({ where: { id: alphaBlocker.id } })).toMatchObject({
      status: 'open',
      acknowledgedAt: null,
      resolvedAt: null,
    });
    refusals += 1;
    return result;
  }

  /** botframework-connector reports token failures with console.error, past pino and its redaction. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void consoleErrors.push(args.map(String).join(' ')),
    );
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nockBotFrameworkOpenId([keys, webchatOnly]);
    db = await openTestDatabase(kind);
    const seeding = createTestApp(db, new Date().toISOString());
    await importYaml(seeding, ALPHA, planYaml(ALPHA_PLAN, 'A'), ALPHA_CHANNEL);
    await importYaml(seeding, BETA, planYaml('Heron migration', 'B'), BETA_CHANNEL);
    await importYaml(seeding, EVIL, hostileYaml, EVIL_CHANNEL);
    await importYaml(seeding, ALPHA, planYaml('Osprey rollout', 'O'), OSPREY_CHANNEL);
    await importYaml(seeding, ALPHA, gullYaml, GULL_CHANNEL);
    await seeding.run(ALPHA, 'U0ADEV', `block t1 ${ALPHA_BLOCKER}`, ALPHA_CHANNEL);
    await seeding.run(EVIL, 'U0MAL', `block x1 ${HOSTILE_SUMMARY}`, EVIL_CHANNEL);
    alphaBlocker = await db.prisma.blocker.findFirstOrThrow({
      where: { summary: ALPHA_BLOCKER },
      select: { id: true, number: true },
    });
    served = await servePlanbot(db);
    // First contact links a chat user to their plan member (a legitimate write): done before any case.
    for (const [team, channel, user] of [
      ['T0BETA', BETA_CHANNEL, 'U0BLEAD'],
      ['T0BETA', ALPHA_CHANNEL, 'U0BLEAD'],
      ['T0ALPHA', ALPHA_CHANNEL, 'U0ADEV'],
      ['T0EVIL', EVIL_CHANNEL, 'U0EVILLEAD'],
      ['T0EVIL', EVIL_CHANNEL, 'U0MAL'],
      ['T0ALPHA', OSPREY_CHANNEL, 'U0OLEAD'],
    ] as const) {
      expect((await post(slash(team, channel, user, 'help'))).status).toBe(200);
    }
  });

  afterAll(async () => {
    await served?.stop();
    await db?.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
    vi.restoreAllMocks();
    const log = (served?.log.join('') ?? '') + consoleErrors.join('\n');
    for (const secret of [...Object.values(SECRETS), ...sentCredentials]) expect(log).not.toContain(secret);
    // Everything JWT-shaped: header.payload.signature in base64url.
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    console.log(`[security] ${refusals} refusals checked, 0 writes, 0 secrets in logs (${kind})`);
  });

  describe('Slack request verification', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const statusCommand = () => slash('T0ALPHA', ALPHA_CHANNEL, 'U0ALEAD', 'resolve 1 forged');

    it.each([
      [
        'a forged signature (wrong secret)',
        () =>
          post(
            signSlack(
              slashCommand({ team: 'T0ALPHA', channel: ALPHA_CHANNEL, user: 'U0ALEAD', text: 'resolve 1' }),
              'form',
              { secret: '0'.repeat(32) },
            ),
          ),
      ],
      [
        'a stale timestamp (10 minutes old)',
        () => post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0ALEAD', 'resolve 1', { timestamp: nowSeconds() - 600 })),
      ],
      [
        'a future timestamp (10 minutes ahead)',
        () => post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0ALEAD', 'resolve 1', { timestamp: nowSeconds() + 600 })),
      ],
      ['no signature header', () => post(statusCommand(), { 'x-slack-signature': undefined })],
      ['no timestamp header', () => post(statusCommand(), { 'x-slack-request-timestamp': undefined })],
      [
        'a valid signature with a suffix',
        () => {
          const signed = statusCommand();
          return post(signed, { 'x-slack-signature': `${signed.headers['x-slack-signature']}=x` });
        },
      ],
      [
        'a signature over a different body',
        () => {
          const signed = statusCommand();
          return post({ ...signed, body: signed.body.replace('forged', 'swapped') });
        },
      ],
    ])('refuses %s with 401 and writes nothing', async (_name, send) => {
      const response = await refusedWithoutWrites(send);
      expect(response.status).toBe(401);
      expect(response.text).toBe('unauthorized');
    });

    it('accepts a signed request once and refuses the same request replayed', async () => {
      const signed = slash('T0ALPHA', ALPHA_CHANNEL, 'U0ADEV', 'status');
      const first = await post(signed);
      expect(first.status).toBe(200);
      expect(replyOf(first.text).text).toContain(ALPHA_PLAN);
      const replay = await refusedWithoutWrites(() => post(signed));
      expect(replay.status).toBe(401);
    });

    it('refuses a body over 256 KiB with 413', async () => {
      const response = await refusedWithoutWrites(() =>
        post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0ALEAD', `resolve 1 ${'x'.repeat(300 * 1024)}`)),
      );
      expect(response.status).toBe(413);
    });

    // Signed (so past the guard) but garbage: Bolt cannot parse it and answers 400 with no body and no effect.
    it.each([
      ['a malformed form body', () => signSlack('%%%=&&payload=%7B%22type%22%3A', 'form')],
      ['a malformed JSON event body', () => signSlack('{"type":"event_callback","event":{"type":"message",', 'json')],
      ['an interactive payload that is not JSON', () => signSlack('payload=%7Bnot-json', 'form')],
    ])('answers %s with 400 and acts on nothing', async (_name, signed) => {
      const response = await refusedWithoutWrites(() => post(signed()));
      expect(response.status).toBe(400);
      expect(response.text).toBe('');
    });
  });

  describe('Teams request verification', () => {
    const activity = {
      type: 'message',
      id: 'f:probe-1',
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      timestamp: '2026-12-01T09:00:00.000Z',
      text: 'plan block t1 injected',
      from: { id: '29:intruder', aadObjectId: 'aad-intruder' },
      recipient: { id: `28:${TEAMS_APP_ID}`, name: 'planbot' },
      conversation: { id: '19:intrusion@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: '19:intrusion@thread.tacv2', name: 'Intrusion' } },
    };
    const bearer = (claims: Partial<BotTokenClaims> = {}, signer = keys) => {
      const token = signBotToken(signer, { aud: TEAMS_APP_ID, serviceurl: SERVICE_URL, ...claims });
      sentCredentials.push(token, `Bearer ${token}`);
      return `Bearer ${token}`;
    };
    const postTeams = async (body: unknown, authorization: string) => {
      const response = await fetch(`${served.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, error: ((await response.json()) as { error?: string }).error ?? '' };
    };

    it.each([
      ['a token for another bot (audience)', () => bearer({ aud: '00000000-0000-4000-8000-0000000000ff' })],
      ['a token from another issuer', () => bearer({ iss: 'https://sts.example.com/' })],
      ['an expired token', () => bearer({ expiresIn: -3600 })],
      ['a token signed by an unknown key', () => bearer({ kid: 'not-published' })],
      ['a key endorsed for another channel', () => bearer({}, webchatOnly)],
      ['a token for another service URL', () => bearer({ serviceurl: 'https://evil.example.com/' })],
      ['no token', () => ''],
    ])('refuses %s with 401 and writes nothing', async (_name, authorization) => {
      const response = await refusedWithoutWrites(() => postTeams(activity, authorization()));
      expect(response.status).toBe(401);
      expect(response.error).toMatch(/Unauthorized/);
    });

    it('accepts the same activity with a valid token (so the refusals above are about the token)', async () => {
      const added = {
        ...activity,
        type: 'conversationUpdate',
        id: 'f:added-1',
        text: undefined,
        membersAdded: [{ id: `28:${TEAMS_APP_ID}` }],
        channelData: { ...activity.channelData, eventType: 'teamMemberAdded' },
      };
      const response = await fetch(`${served.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer() },
        body: JSON.stringify(added),
      });
      expect(response.status).toBe(200);
      expect(
        await db.prisma.conversationReference.count({ where: { conversationId: '19:intrusion@thread.tacv2' } }),
      ).toBe(1);
    });

    it('refuses malformed JSON with 400 and says why', async () => {
      const response = await refusedWithoutWrites(() => postTeams('{"type": "message",', bearer()));
      expect(response.status).toBe(400);
      expect(response.error).toMatch(/not valid JSON/);
    });

    it('refuses an oversized activity with 413', async () => {
      const response = await refusedWithoutWrites(() =>
        postTeams({ ...activity, text: 'x'.repeat(300 * 1024) }, bearer()),
      );
      expect(response.status).toBe(413);
      expect(response.error).toMatch(/larger than/);
    });
  });

  describe('cross-workspace probing by a member of workspace B', () => {
    const seesNothingOfAlpha = (reply: unknown) => {
      const text = JSON.stringify(reply);
      expect(text).not.toContain(ALPHA_PLAN);
      expect(text).not.toContain(ALPHA_BLOCKER);
      expect(text).not.toContain('A groundwork');
    };

    it.each([
      ["acks A's blocker by its id", () => `ack ${alphaBlocker.id}`],
      ["resolves A's blocker by its number", () => `resolve ${alphaBlocker.number} fixed`],
      ["escalates A's blocker", () => `escalate ${alphaBlocker.number}`],
      ['asks for status', () => 'status'],
      ['lists blockers', () => 'blockers'],
    ])("%s in A's channel: gets nothing of A, and A's blocker stays open", async (_name, text) => {
      const response = await refusedWithoutWrites(() => post(slash('T0BETA', ALPHA_CHANNEL, 'U0BLEAD', text())));
      expect(response.status).toBe(200);
      const reply = replyOf(response.text);
      expect(reply.response_type).toBe('ephemeral');
      seesNothingOfAlpha(reply);
    });

    it("clicks an Acknowledge button carrying A's blocker id: nothing of A, blocker still open", async () => {
      const replies = captureResponseUrls();
      const payload = blockAction({
        team: 'T0BETA',
        channel: ALPHA_CHANNEL,
        user: 'U0BLEAD',
        actionId: 'blocker_ack',
        value: alphaBlocker.id,
        blockId: 'm0',
        message: { ts: '1700000000.000100', text: 'x', blocks: [] },
      });
      await refusedWithoutWrites(async () => {
        const response = await post(signSlack(interactivePayload(payload), 'form'));
        expect(response.status).toBe(200);
        await eventually(() => replies.length > 0, 'the reply to the button');
      });
      seesNothingOfAlpha(replies);
      expect(JSON.stringify(replies)).toMatch(/"response_type":"ephemeral"/);
    });
  });

  describe('lead commands from a non-lead', () => {
    it.each(['blockers', 'replan approve 1'])('refuses `%s` privately and writes nothing', async (text) => {
      const response = await refusedWithoutWrites(() => post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0ADEV', text)));
      expect(response.status).toBe(200);
      const reply = replyOf(response.text);
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply)).toMatch(/lead/i);
    });
  });

  describe('who may act as whom', () => {
    it('refuses a stranger claiming an unlinked lead or sponsor seat with `/plan link`, even while no lead is linked', async () => {
      for (const seat of ['Gull Lead', 'Gull Sponsor']) {
        const response = await refusedWithoutWrites(() =>
          post(slash('T0ALPHA', GULL_CHANNEL, 'U0STRANGER', `link "${seat}"`)),
        );
        expect(replyOf(response.text)).toMatchObject({ response_type: 'ephemeral' });
        expect(JSON.stringify(replyOf(response.text))).toMatch(
          /that seat is linked by the email or chat id the plan gives/,
        );
      }
    });

    it("refuses the lead of another plan re-baselining A's plan with a pasted document named like it", async () => {
      const refusal = await refusedWithoutWrites(async () => {
        const submit = viewSubmission({
          team: 'T0ALPHA',
          user: 'U0OLEAD',
          callbackId: 'plan_import',
          privateMetadata: JSON.stringify({ channel: OSPREY_CHANNEL }),
          // The Osprey lead pastes a document titled like A's plan: importing it would re-baseline A's.
          values: {
            plan_text: {
              text: { type: 'plain_text_input', value: `# ${ALPHA_PLAN}\n\n- [ ] Day 1: hand the launch to Osprey\n` },
            },
          },
        });
        expect((await post(signSlack(interactivePayload(submit), 'form'))).status).toBe(200);
        return eventually(
          () =>
            served.fakeSlack.calls.find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0OLEAD')?.args,
          'the answer to the import',
        );
      });
      expect(JSON.stringify(refusal)).toMatch(/already runs in this workspace.*only its leads and sponsors/);
      expect(await db.prisma.plan.findFirstOrThrow({ where: { name: ALPHA_PLAN } })).toMatchObject({
        channel: ALPHA_CHANNEL,
        currentVersion: 1,
      });
    });

    it('refuses a stranger opening a blocker, which would page the ladder', async () => {
      const response = await refusedWithoutWrites(() =>
        post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0STRANGER', 'block t1 page everyone now')),
      );
      expect(JSON.stringify(replyOf(response.text))).toMatch(/Only members of Falcon launch can open blockers/);
    });

    it("does not let the blocked task's owner silence the ladder by acknowledging", async () => {
      const response = await refusedWithoutWrites(() =>
        post(slash('T0ALPHA', ALPHA_CHANNEL, 'U0ADEV', `ack ${alphaBlocker.number}`)),
      );
      expect(JSON.stringify(replyOf(response.text))).toMatch(/your own ack does not stop the escalation/);
    });

    it('lets a workspace admin link the lead seat nobody could claim', async () => {
      const response = await post(slash('T0ALPHA', GULL_CHANNEL, SLACK_ADMIN, 'link <@U0GLEAD> "Gull Lead"'));
      expect(replyOf(response.text).text).toBe('Linked Gull Lead to this slack account.');
      const lead = await db.prisma.member.findFirstOrThrow({
        where: { displayName: 'Gull Lead' },
        include: { identities: true },
      });
      expect(lead.identities).toMatchObject([{ platform: 'slack', externalId: 'U0GLEAD' }]);
    });
  });

  describe('hostile text in an imported plan', () => {
    // Control characters other than tab and newline; the bidi override flips how the rest reads.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/;
    // `status` shows counts only; these replies carry the task title, the member name and the blocker summary.
    const cases = [
      ["the owner's `today`", 'U0MAL', 'today'],
      ["the lead's `blockers`", 'U0EVILLEAD', 'blockers'],
      ["the lead's `status`", 'U0EVILLEAD', 'status'],
    ] as const;

    it.each(cases)('%s over Slack shows the markup as inert text', async (_name, user, text) => {
      const response = await post(slash('T0EVIL', EVIL_CHANNEL, user, text));
      expect(response.status).toBe(200);
      const reply = replyOf(response.text);
      const blocks = JSON.stringify(reply.blocks);
      if (text !== 'status') expect(blocks).toContain('&lt;script&gt;');
      for (const live of ['<script', '<!channel>', '<!here>', '<!everyone>', '<https://evil', '<img']) {
        expect(blocks).not.toContain(live);
        expect(reply.text ?? '').not.toContain(live);
      }
    });

    it.each(cases)('%s as a Teams card renders no link and no HTML', async (_name, user, text) => {
      const app = createTestApp(db, new Date().toISOString());
      const parsed = parseCommandText(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const reply = await app.service.handle(
        { workspace: EVIL, channel: EVIL_CHANNEL, actor: { platform: 'slack', userId: user } },
        parsed.command,
      );
      const card = JSON.stringify(toAdaptiveCard(reply));
      if (text !== 'status') expect(card).toContain('script');
      // A TextBlock renders markdown links but never HTML: the link must be broken up; HTML stays literal text.
      expect(card).not.toMatch(/\]\(https?:/);
      expect(card).not.toMatch(/"type":"(Media|Image)"/);
    });

    // BEL, ESC (a terminal escape sequence) and U+202E (right-to-left override, which makes the rest
    // of a line read backwards) in a task title, a member name or a blocker summary are stored as
    // written but never shown: every adapter renders through displaySafe (src/service/messages/message-safety.ts).
    const withUserText = cases.filter(([, , text]) => text !== 'status');
    it.each(withUserText)('%s over Slack carries no control or bidi-override character', async (_name, user, text) => {
      const response = await post(slash('T0EVIL', EVIL_CHANNEL, user, text));
      expect(response.status).toBe(200);
      expect(JSON.stringify(replyOf(response.text))).not.toMatch(CONTROL);
    });
    it.each(withUserText)(
      '%s as a Teams card carries no control or bidi-override character',
      async (_name, user, text) => {
        const app = createTestApp(db, new Date().toISOString());
        const parsed = parseCommandText(text);
        if (!parsed.ok) throw new Error(parsed.error);
        const reply = await app.service.handle(
          { workspace: EVIL, channel: EVIL_CHANNEL, actor: { platform: 'slack', userId: user } },
          parsed.command,
        );
        expect(JSON.stringify(toAdaptiveCard(reply))).not.toMatch(CONTROL);
      },
    );
  });

  describe('methods and paths nothing serves', () => {
    // Credentials a browser or a scanner sends along; the refusal must not log them.
    const probeHeaders = () => {
      const authorization = `Bearer xoxp-9999-probe-${sentCredentials.length}-credential`;
      const cookie = `session=probe-${sentCredentials.length}-cookie-value`;
      sentCredentials.push(authorization, cookie);
      return { authorization, cookie };
    };
    const send = async (
      method: string,
      path: string,
      init: { body?: string; headers?: Record<string, string> } = {},
    ) => {
      const headers = probeHeaders();
      const response = await fetch(`${served.base}${path}`, {
        method,
        redirect: 'manual',
        ...(init.body === undefined ? {} : { body: init.body }),
        headers: { ...init.headers, ...headers },
      });
      await response.arrayBuffer();
      const log = served.log.join('');
      expect(log).not.toContain(headers.authorization.slice('Bearer '.length));
      expect(log).not.toContain(headers.cookie);
      return response;
    };

    it.each([
      ['GET', '/slack/events', 'POST'],
      ['PUT', '/slack/events', 'POST'],
      ['DELETE', '/slack/events', 'POST'],
      ['GET', '/slack/./events', 'POST'],
      ['GET', '/api/messages', 'POST'],
      ['PUT', '/api/messages', 'POST'],
    ])('answers %s %s with 405 (Allow: %s), logs no header and writes nothing', async (method, path, allow) => {
      const response = await refusedWithoutWrites(() => send(method, path));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
    });

    it.each([
      // No OAuth in this run, so the install paths do not exist.
      ['GET', '/slack/install'],
      ['GET', '/slack/oauth_redirect'],
      ['GET', '/slack/anything'],
      ['PATCH', '/slack/'],
    ])('answers %s %s with 404, logs no header and writes nothing', async (method, path) => {
      const response = await refusedWithoutWrites(() => send(method, path));
      expect(response.status).toBe(404);
    });

    it('answers a signed POST to an unknown Slack path with 404 and acts on nothing', async () => {
      const signed = slash('T0ALPHA', ALPHA_CHANNEL, 'U0ALEAD', `resolve ${alphaBlocker.number} via a side door`);
      const response = await refusedWithoutWrites(() =>
        send('POST', '/slack/commands', { body: signed.body, headers: signed.headers }),
      );
      expect(response.status).toBe(404);
    });
  });

  it('keeps the log (and what botbuilder printed) free of every secret and credential seen so far', () => {
    const log = served.log.join('') + consoleErrors.join('\n');
    expect(served.log.length).toBeGreaterThan(0);
    // Refusals are logged with their reason (for the operator), never with the credential.
    expect(log).toContain('refused Slack request');
    expect(log).toContain('Teams request refused: not authenticated');
    for (const secret of [...Object.values(SECRETS), ...sentCredentials]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });
});
