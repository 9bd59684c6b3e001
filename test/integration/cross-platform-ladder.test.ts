import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { createApp, type App } from '../../src/main.js';
import type { Message } from '../../src/service/messages/message.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { FakeSender } from '../fakes/fake-sender.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const APP_ID = '6f1c2a7e-3333-4c3b-9f00-0000000000c3';
const TENANT = '72f988bf-0000-41af-91ab-2d7cd011db47';
const CONNECTOR = 'https://smba.trafficmanager.net';
const ALEX_CHAT = 'a:1alex-personal-chat';
const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const HOUR = 3_600_000;

// The sprint plan in a Slack workspace, except that the sponsor, Alex, is only on Teams.
const mixedPlanYaml = sprintPlanYaml.replace('slackId: U0ALEX', 'teamsId: aad-alex');

interface ConnectorPost {
  conversationId: string;
  card: string;
  summary: string;
}

/** A fake Bot Connector that records activity posts; 1:1 chat creation is not served (it must not be needed). */
function fakeConnector(): ConnectorPost[] {
  const posts: ConnectorPost[] = [];
  nock(CONNECTOR)
    .persist()
    .post(/^\/amer\/v3\/conversations\/[^/]+\/activities$/)
    .reply((uri, body) => {
      const activity = body as { summary?: string; attachments?: { content: unknown }[] };
      posts.push({
        conversationId: decodeURIComponent(uri.split('/')[4] ?? ''),
        card: JSON.stringify(activity.attachments?.[0]?.content),
        summary: activity.summary ?? '',
      });
      return [201, { id: `activity-${posts.length}` }];
    });
  nock('https://login.microsoftonline.com')
    .persist()
    .post('/botframework.com/oauth2/v2.0/token')
    .query(true)
    .reply(200, { access_token: 'bot-token-for-tests', expires_in: 3600, ext_expires_in: 3600, token_type: 'Bearer' });
  return posts;
}

describe.each(storeKinds())('one escalation ladder across Slack and Teams on %s', (kind) => {
  let db: TestDatabase;
  let importer: TestApp;
  let app: App;
  let slack: FakeSender;
  let teamsPosts: ConnectorPost[];

  beforeEach(async () => {
    nock.disableNetConnect();
    teamsPosts = fakeConnector();
    db = await openTestDatabase(kind);
    // Wednesday Dec 9, 10:00 PST: day 3 of the plan.
    importer = createTestApp(db, '2026-12-09T18:00:00Z');
    await importYaml(importer, acme, mixedPlanYaml, 'C-ACME');
    // Alex once messaged planbot in Teams, so their 1:1 chat (and tenant) is known.
    await new PrismaConversationReferences(db.prisma).save({
      tenantId: TENANT,
      conversationId: ALEX_CHAT,
      kind: 'personal',
      userId: 'aad-alex',
      reference: {
        channelId: 'msteams',
        serviceUrl: `${CONNECTOR}/amer/`,
        bot: { id: `28:${APP_ID}`, name: 'planbot' },
        user: { id: '29:alex', aadObjectId: 'aad-alex' },
        conversation: { id: ALEX_CHAT, conversationType: 'personal', tenantId: TENANT },
      },
    });
    slack = new FakeSender();
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-password',
        MicrosoftAppType: 'MultiTenant',
      }),
    );
    const teams = new TeamsSender({
      adapter,
      appId: APP_ID,
      conversations: new PrismaConversationReferences(db.prisma),
    });
    app = createApp({
      database: db,
      clock: importer.clock,
      senders: { slack, teams },
      random: () => 0.5,
      scheduler: { instanceId: `ladder-${kind}` },
    });
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await db.destroy();
  });

  const slackEscalations = () =>
    slack.sent
      .filter((s) => (s.message.payload as unknown as Message).kind === 'escalation')
      .map((s) => s.message.target);
  const teamsEscalations = () =>
    teamsPosts
      .filter((p) => p.card.includes('GA4 API keys') && p.conversationId.startsWith('a:'))
      .map((p) => p.conversationId);

  it('reaches the lead on Slack at tier 1 and the sponsor on Teams at the sponsor tier', async () => {
    const report = parseCommandText('block d3 waiting on GA4 API keys');
    if (!report.ok) throw new Error(report.error);
    await app.service.handle(
      { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId: 'U0LUIS' } },
      report.command,
    );
    await app.step();
    expect(slackEscalations()).toEqual(['U0SAM']);
    expect(teamsEscalations()).toEqual([]);

    // Unacknowledged: three hours later the sponsor has still not been paged.
    importer.clock.advance(3 * HOUR);
    await app.step();
    expect(teamsEscalations()).toEqual([]);

    // Four hours: tier 2 goes to Alex, who is only on Teams, in their 1:1 chat with planbot.
    importer.clock.advance(HOUR);
    await app.step();
    expect(teamsEscalations()).toEqual([ALEX_CHAT]);
    const toAlex = teamsPosts.find((p) => p.conversationId === ALEX_CHAT && p.card.includes('GA4 API keys'))!;
    expect(toAlex.card).toContain('AdaptiveCard');
    expect(toAlex.summary).toContain('Blocker #1');
    expect(slackEscalations()).toEqual(['U0SAM']);
    const rows = await db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { contains: 'escalation' } },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => [r.platform, r.target, r.status])).toEqual([
      ['slack', 'U0SAM', 'sent'],
      ['teams', 'aad-alex', 'sent'],
    ]);
  });

  it('parks the sponsor’s Teams escalation with what to do when planbot knows no Teams tenant for them', async () => {
    await db.prisma.conversationReference.deleteMany();
    const report = parseCommandText('block d3 waiting on GA4 API keys');
    if (!report.ok) throw new Error(report.error);
    await app.service.handle(
      { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId: 'U0LUIS' } },
      report.command,
    );
    importer.clock.advance(4 * HOUR);
    await app.step();
    expect(slackEscalations()).toEqual(['U0SAM']);
    expect(teamsPosts).toEqual([]);
    const row = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { contains: 'escalation' }, platform: 'teams' },
    });
    expect(row).toMatchObject({ target: 'aad-alex', status: 'parked' });
    expect(row.lastError).toMatch(/^no_teams_tenant: planbot does not know which Teams tenant user aad-alex is in/);
    expect(row.lastError).toContain('install planbot for this user');
  });
});
