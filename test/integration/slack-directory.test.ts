import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/slack-app.js';
import { testSlackAdapter } from '../support/slack-adapter.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const workspace = { platform: 'slack' as const, externalId: 'T0DIR', name: 'Directory' };
const plan = `
name: Directory sprint
timezone: Europe/London
startDate: 2026-12-07
members:
  - { key: lea, name: Lea Lead, roles: [lead], slackId: U0LEA }
  - { key: sol, name: Sol Sponsor, roles: [sponsor], email: sol@example.com }
  - { key: gus, name: Gus Guest, roles: [member], email: gus@elsewhere.example }
ladder:
  - { label: Lead, target: { kind: member, member: lea }, delayMinutes: 0 }
  - { label: Sponsor, target: { kind: member, member: sol }, delayMinutes: 60 }
tasks:
  - { key: t1, title: First, owner: lea, day: 1 }
`;

describe('linking plan members to Slack accounts by email (pglite)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    nock.disableNetConnect();
    db = await openTestDatabase('pglite');
    app = createTestApp(db, '2026-12-07T09:00:00Z');
    await importYaml(app, workspace, plan, 'C0DIR');
    adapter = await testSlackAdapter(app, db, app.clock, { signingSecret: '0'.repeat(32), botToken: 'xoxb-directory' });
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await db.close();
  });

  it("posts an unlinked sponsor's escalation in the plan channel, naming them and how to link", async () => {
    await app.run(workspace, 'U0LEA', 'block t1 waiting on procurement', 'C0DIR');
    app.clock.advance(61 * 60_000);
    await app.step();
    const escalations = app.delivered().filter((m) => m.kind === 'escalation');
    // Lea reported it and is tier 1 herself, so only the sponsor's tier goes out.
    expect(escalations.map((m) => m.target)).toEqual(['C0DIR']);
    expect(escalations[0]!.text).toMatch(/^For Sol Sponsor, who is not linked to a Slack account yet/);
    await app.run(workspace, 'U0LEA', 'resolve 1', 'C0DIR');
  });

  it('links a sponsor who never wrote to planbot, so the ladder can DM them, and skips emails Slack does not know', async () => {
    // nock may test a body against several interceptors, so collect distinct emails.
    const looked = new Set<string>();
    nock('https://slack.com')
      .post(
        '/api/users.lookupByEmail',
        (body: { email: string }) => Boolean(looked.add(body.email)) && body.email === 'sol@example.com',
      )
      .reply(200, { ok: true, user: { id: 'U0SOL', deleted: false } })
      .post(
        '/api/users.lookupByEmail',
        (body: { email: string }) => Boolean(looked.add(body.email)) && body.email === 'gus@elsewhere.example',
      )
      .reply(200, { ok: false, error: 'users_not_found' });
    expect(await adapter.linkMembers()).toBe(1);
    expect([...looked].sort()).toEqual(['gus@elsewhere.example', 'sol@example.com']);
    const sol = await db.prisma.chatIdentity.findFirstOrThrow({ where: { member: { key: 'sol' }, platform: 'slack' } });
    expect(sol.externalId).toBe('U0SOL');

    // The sponsor tier now reaches Sol's Slack account.
    await app.run(workspace, 'U0LEA', 'block t1 waiting on legal', 'C0DIR');
    app.clock.advance(61 * 60_000);
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation' && m.target === 'U0SOL')).toHaveLength(1);

    // Linked members are not looked up again.
    nock('https://slack.com').post('/api/users.lookupByEmail').reply(200, { ok: false, error: 'users_not_found' });
    expect(await adapter.linkMembers()).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
