import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render-text.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../../support/store-import.js';
import { fakeService, USER } from '../fake-service.js';

const THURSDAY = '2026-12-10T18:00:00Z';
// Priya has no chat account in this copy of the plan; everyone else is linked on Slack.
const priyaUnlinked = sprintPlanYaml.replace(', slackId: U0PRIYA', '');

describe('link', () => {
  it('lets an unlinked person claim an unlinked member by name or key, and then act as them', async () => {
    const f = await fakeService(THURSDAY, priyaUnlinked);
    expect(await f.say('U0NEW', 'today')).toMatch(/not linked to a member/);
    expect(await f.say('U0NEW', 'link "priya mehta"')).toBe('Linked Priya Mehta to this slack account.');
    expect((await f.member('priya')).identities).toEqual([{ platform: 'slack', externalId: 'U0NEW', handle: null }]);
    expect(f.store.auditLog.at(-1)).toMatchObject({
      action: 'member.link',
      actor: 'U0NEW',
      detail: { member: 'priya', platform: 'slack' },
    });
    expect(await f.say('U0NEW', 'done d2')).toContain('marked done');
    // Once linked, only a lead can change it.
    expect(await f.say('U0OTHER', 'link priya')).toMatch(/Priya Mehta is already linked; ask a lead to change it/);
  });

  it("tells the plan's leads when someone links themselves, so a wrong claim is seen and undone", async () => {
    const f = await fakeService(THURSDAY, priyaUnlinked);
    await f.say('U0NEW', 'link priya');
    expect(f.queued().filter((m) => m.key.startsWith('self-link:'))).toEqual([
      expect.objectContaining({
        target: USER.sam,
        body: expect.stringMatching(
          /<@U0NEW> linked themselves as Priya Mehta in Checkout sprint\. If that is not Priya Mehta, link the right account with `\/plan link @them "Priya Mehta"`/,
        ),
      }),
    ]);
  });

  it('never hands a lead or sponsor seat to whoever claims it first, not even while no lead is linked', async () => {
    // Nobody holds a seat with rights on Slack yet: the old rule let the first asker take one.
    const seatsOpen = sprintPlanYaml.replace(', slackId: U0SAM', '').replace(', slackId: U0ALEX', '');
    const f = await fakeService(THURSDAY, seatsOpen);
    const before = { links: f.store.auditLog.length, queued: f.queued().length };
    expect(await f.say('U0STRANGER', 'link "Sam Jackson"')).toMatch(
      /Sam Jackson is a lead of Checkout sprint: that seat is linked by the email or chat id the plan gives, or by a lead or workspace admin/,
    );
    expect(await f.say('U0STRANGER', 'link alex')).toMatch(/Alex Rivera is a sponsor of Checkout sprint/);
    expect((await f.member('sam')).identities).toEqual([]);
    expect((await f.member('alex')).identities).toEqual([]);
    expect({ links: f.store.auditLog.length, queued: f.queued().length }).toEqual(before);
  });

  it('lets a workspace admin link a lead seat, and link someone else', async () => {
    const seatsOpen = sprintPlanYaml.replace(', slackId: U0SAM', '');
    const f = await fakeService(THURSDAY, seatsOpen);
    const admin = { workspace: f.ctx('U0ADMIN').workspace, actor: { platform: 'slack' as const, userId: 'U0ADMIN' } };
    const linkSam = { name: 'link' as const, args: { memberName: 'Sam Jackson', platformUser: 'U0SAMNEW' } };
    expect(renderText(await f.service.handle(admin, linkSam))).toMatch(/Only leads, sponsors and workspace admins/);
    const reply = await f.service.handle({ ...admin, actor: { ...admin.actor, workspaceAdmin: true } }, linkSam);
    expect(reply.text).toBe('Linked Sam Jackson to this slack account.');
    expect((await f.member('sam')).identities).toEqual([{ platform: 'slack', externalId: 'U0SAMNEW', handle: null }]);
    expect(await f.say('U0SAMNEW', 'blockers')).not.toMatch(/lead/i);
    // An admin's link is not a self-claim: nobody needs telling.
    expect(f.queued().filter((m) => m.key.startsWith('self-link:'))).toEqual([]);
  });

  it('names the members when the name matches nobody', async () => {
    const f = await fakeService(THURSDAY);
    expect(await f.say('U0NEW', 'link "Pria"')).toMatch(
      /No member "Pria" in Checkout sprint\. Members: Sam Jackson, Alex Rivera, Luis Romero, Priya Mehta|No member "Pria" in Checkout sprint\. Members: .*Priya Mehta/,
    );
  });

  it('a lead links someone else, or re-links a member already linked', async () => {
    const f = await fakeService(THURSDAY);
    // The Slack adapter resolves `<@U0PRIYA2>` to the user id it names.
    const linkPriya = { name: 'link' as const, args: { memberName: 'Priya Mehta', platformUser: 'U0PRIYA2' } };
    expect(renderText(await f.handle(USER.luis, linkPriya))).toMatch(
      /Only leads, sponsors and workspace admins can link someone else/,
    );
    expect((await f.handle(USER.sam, linkPriya)).text).toBe('Linked Priya Mehta to this slack account.');
    expect((await f.member('priya')).identities).toEqual([{ platform: 'slack', externalId: 'U0PRIYA2', handle: null }]);
    expect(await f.say('U0PRIYA2', 'today')).toContain('SEO crawl');
    expect(await f.say(USER.priya, 'today')).toMatch(/not linked to a member/);
  });

  it('in a Teams workspace, links the Teams account beside the member’s Slack one', async () => {
    const f = await fakeService(THURSDAY);
    const tenant = { platform: 'teams' as const, externalId: 'tenant-1', name: 'Acme on Teams' };
    const { planId } = await importPlanYaml(f.store, tenant, sprintPlanYaml, {
      now: f.clock.now(),
      channel: '19:plan',
    });
    const reply = await f.service.handle(
      { workspace: tenant, actor: { platform: 'teams', userId: 'aad-luis' } },
      { name: 'link', args: { memberName: 'Luis Romero' } },
    );
    expect(reply.text).toBe('Linked Luis Romero to this teams account.');
    const luis = (await f.store.loadPlanState(planId)).members.find((m) => m.key === 'luis')!;
    expect([...luis.identities].sort((a, b) => a.platform.localeCompare(b.platform))).toEqual([
      { platform: 'slack', externalId: 'U0LUIS', handle: null },
      { platform: 'teams', externalId: 'aad-luis', handle: null },
    ]);
    // The Slack workspace's plan is another plan: its Luis is untouched.
    expect((await f.member('luis')).identities).toHaveLength(1);
  });
});
