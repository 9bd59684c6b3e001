import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstContactLinker, linkChatUser } from '../../src/service/commands/email-link.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const workspace: WorkspaceRef = { platform: 'slack', externalId: 'T0LINK', name: 'Link test' };
const plan = `
name: Linking
timezone: Europe/Berlin
startDate: 2026-12-07
members:
  - { key: ana, name: Ana Lima, roles: [lead], email: Ana.Lima@example.com }
  - { key: bo, name: Bo Chen, roles: [member], slackHandle: bo.chen }
  - { key: cy, name: Cy Twin, roles: [member], email: shared@example.com }
  - { key: di, name: Di Twin, roles: [member], email: shared@example.com }
  - { key: ed, name: Ed Taken, roles: [member], email: ed@example.com, slackId: U0ED }
tasks:
  - { key: t1, title: First, owner: ana, day: 1 }
`;

describe.each(storeKinds())('linking chat users to plan members (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const linkedIds = async () =>
    Object.fromEntries(
      (await app.store.loadPlanState((await app.store.listPlans(workspace))[0]!.id)).members.map((m) => [
        m.key,
        m.identities.find((i) => i.platform === 'slack')?.externalId ?? null,
      ]),
    );
  const asUser = (userId: string) => ({ workspace, actor: { platform: 'slack' as const, userId } });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db, '2026-12-01T09:00:00Z');
    await importYaml(app, workspace, plan, 'C0LINK');
  });
  afterAll(() => db.close());

  it('links by profile email, ignoring case, once', async () => {
    expect(await linkChatUser(app.store, asUser('U0ANA'), { email: 'ana.lima@EXAMPLE.com' }, app.clock.now())).toEqual([
      { planName: 'Linking', memberName: 'Ana Lima' },
    ]);
    expect((await linkedIds()).ana).toBe('U0ANA');
    expect(await linkChatUser(app.store, asUser('U0ANA'), { email: 'ana.lima@example.com' }, app.clock.now())).toEqual(
      [],
    );
    // Now a lead, by the link: the same user runs lead commands.
    expect((await app.run(workspace, 'U0ANA', 'blockers')).kind).not.toBe('error');
  });

  it('does not link by a handle anyone can set: the leads are asked to confirm, once', async () => {
    const impostor = { handles: ['Bo', '@bo.chen'] };
    expect(await linkChatUser(app.store, asUser('U0BO'), impostor, app.clock.now())).toEqual([]);
    expect(await linkChatUser(app.store, asUser('U0BO'), impostor, app.clock.now())).toEqual([]);
    expect((await linkedIds()).bo).toBeNull();
    await app.step();
    const suggestions = app.delivered().filter((m) => m.key.startsWith('link-suggestion:'));
    // Ana is the lead, linked by email above: she gets one DM naming the account and the command.
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ target: 'U0ANA' });
    expect(suggestions[0]!.text).toContain('/plan link <@U0BO> "Bo Chen"');
    // A member with no rights can still be confirmed by the lead, after which Bo is Bo.
    await app.service.handle(asUser('U0ANA'), { name: 'link', args: { memberName: 'Bo Chen', platformUser: 'U0BO' } });
    expect((await linkedIds()).bo).toBe('U0BO');
  });

  it('refuses to guess between two members with one email, and never takes over a linked member', async () => {
    expect(await linkChatUser(app.store, asUser('U0CY'), { email: 'shared@example.com' }, app.clock.now())).toEqual([]);
    expect(await linkChatUser(app.store, asUser('U0IMPOSTOR'), { email: 'ed@example.com' }, app.clock.now())).toEqual(
      [],
    );
    const ids = await linkedIds();
    expect([ids.cy, ids.di, ids.ed]).toEqual([null, null, 'U0ED']);
  });

  it('asks the platform about an unknown user at most once an hour, and never about a linked one', async () => {
    const linker = new FirstContactLinker(app.store, app.clock);
    const asked: string[] = [];
    const profileOf = (userId: string, email?: string) => async () => {
      asked.push(userId);
      return email ? { email } : {};
    };
    await linker.link(asUser('U0ANA'), profileOf('U0ANA'));
    await linker.link(asUser('U0STRANGER'), profileOf('U0STRANGER'));
    await linker.link(asUser('U0STRANGER'), profileOf('U0STRANGER'));
    expect(asked).toEqual(['U0STRANGER']);
    app.clock.advance(61 * 60_000);
    expect(await linker.link(asUser('U0STRANGER'), profileOf('U0STRANGER', 'nobody@example.com'))).toEqual([]);
    expect(asked).toEqual(['U0STRANGER', 'U0STRANGER']);
  });

  it('leaves other workspaces alone', async () => {
    const other = {
      workspace: { platform: 'slack' as const, externalId: 'T0OTHER', name: 'Other' },
      actor: { platform: 'slack' as const, userId: 'U0X' },
    };
    expect(await linkChatUser(app.store, other, { email: 'ed@example.com' }, app.clock.now())).toEqual([]);
  });
});
