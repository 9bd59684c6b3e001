import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { renderText } from '../../src/adapters/console/render-text.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };

describe.each(storeKinds())('chat commands on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const say = async (user: string, text: string) => renderText(await app.run(acme, user, text));

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Thursday Dec 10, 10:00 PST: day 4; d3 (Luis, Wednesday) is overdue.
    app = createTestApp(db, '2026-12-10T18:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('help works before anything else and marks lead-only commands', async () => {
    const help = await say('U0LUIS', 'help');
    for (const command of [
      'today',
      'status',
      'blockers',
      'block',
      'ack',
      'resolve',
      'done',
      'standup',
      'schedule',
      'replan',
      'link',
    ])
      expect(help).toContain(command);
  });

  it('escalate sends an open blocker to the next tier now, once, and refuses past the last tier or once owned', async () => {
    await say('U0LUIS', 'block d4 vendor API down');
    // Tier 1 (Sam) fires at once; Alex (tier 2) would hear after 4 hours.
    const toAlex = () => app.delivered().filter((m) => m.target === 'U0ALEX' && m.kind === 'escalation');
    expect(toAlex()).toEqual([]);
    expect(await say('U0LUIS', 'escalate 1')).toMatch(/escalated by Luis Romero to tier 2 \(Secondary\)/);
    expect(toAlex()).toHaveLength(1);
    expect(toAlex()[0]!.body).toContain('Luis Romero escalated it by hand.');
    // Four hours later the scheduler does not send tier 2 again.
    app.clock.advance(4 * 3_600_000 + 60_000);
    await app.step();
    expect(toAlex()).toHaveLength(1);
    expect(await say('U0PRIYA', 'escalate 1')).toMatch(/Only the reporter/);
    await say('U0SAM', 'ack 1');
    expect(await say('U0LUIS', 'escalate 1')).toMatch(/acknowledged: escalation has stopped because someone owns it/);
  });

  it("in a DM of a workspace with two plans, finds the plan by the button's blocker or by the asker's membership", async () => {
    const other = sprintPlanYaml
      .replace('name: Checkout sprint', 'name: Search sprint')
      .replaceAll('U0SAM', 'U0SAM2')
      .replaceAll('U0LUIS', 'U0LUIS2')
      .replaceAll('U0PRIYA', 'U0PRIYA2');
    await importYaml(app, acme, other, 'C-SEARCH');
    await app.run(acme, 'U0LUIS', 'block d4 vendor API down', 'C-ACME');
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'vendor API down' } });
    // The Acknowledge button in a DM carries the blocker id; the DM channel matches no plan.
    const ack = await app.service.handle(
      { workspace: acme, channel: 'D0ALEX', actor: { platform: 'slack', userId: 'U0ALEX' } },
      { name: 'ack', args: { blockerRef: blocker.id } },
    );
    expect(ack.text).toMatch(/acknowledged by Alex Rivera/);
    // Typed in a DM by someone in one plan only: that plan.
    expect(renderText(await app.run(acme, 'U0PRIYA', 'status', 'D0PRIYA'))).toContain('Checkout sprint');
    // Alex is in both plans (the copy keeps his id), so a typed command cannot tell which.
    expect(renderText(await app.run(acme, 'U0ALEX', 'status', 'D0ALEX'))).toMatch(
      /runs 2 plans \(Checkout sprint, Search sprint\)/,
    );
  });

  it('today lists my tasks for today and what is overdue', async () => {
    const today = await say('U0LUIS', 'today');
    expect(today).toContain('d4');
    expect(today).toContain('d3');
    expect(today).not.toContain('d2');
  });

  it('status counts the plan and names late work', async () => {
    const status = await say('U0PRIYA', 'status');
    expect(status).toContain('Done: 0 of 6');
    expect(status).toContain('Overdue: 3');
    for (const late of ['*d1* Kickoff', '*d2* SEO crawl', '*d3* Data ingestion']) expect(status).toContain(late);
    expect(status).not.toContain('*d4*');
  });

  it('schedule shows the next firings in the plan zone across the DST-free December', async () => {
    const schedule = await say('U0PRIYA', 'schedule');
    expect(schedule).toMatch(/14:00 PST/);
    expect(schedule).toMatch(/09:00 PST/);
  });

  it('standup records the answer on the latest stand-up and opens a blocker from it', async () => {
    app.clock.set('2026-12-11T17:00:00Z');
    await app.step();
    app.clock.set('2026-12-11T17:05:00Z');
    const reply = await say('U0LUIS', 'standup did: d3 done doing: d4 blockers: schema drift in the warehouse');
    expect(reply).toContain('#1');
    const saved = await db.prisma.standupReply.findFirstOrThrow({ include: { member: true } });
    expect(saved).toMatchObject({ did: 'd3 done', doing: 'd4', blockers: 'schema drift in the warehouse' });
    expect(saved.member.displayName).toBe('Luis Romero');
    expect(await db.prisma.blocker.count({ where: { summary: 'schema drift in the warehouse' } })).toBe(1);
  });

  it('replan approve moves the dependants, bumps the plan version; members cannot decide', async () => {
    // d3 was due Wednesday; Friday 09:00 PST is past the one-business-day threshold.
    app.clock.set('2026-12-11T17:00:00Z');
    await app.step();
    const proposal = await db.prisma.replanProposal.findFirstOrThrow();
    expect(proposal.moves).toEqual([
      { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' },
      { taskKey: 'd5', from: '2026-12-11', to: '2026-12-12' },
    ]);
    expect(app.delivered().some((m) => m.kind === 'slip_alert' && m.target === 'U0ALEX')).toBe(true);

    expect(await say('U0LUIS', 'replan approve 1')).toMatch(/leads and sponsors/);
    expect(await say('U0SAM', 'replan approve 1')).toContain('plan version 2');
    const d4 = await db.prisma.task.findFirstOrThrow({ where: { key: 'd4' } });
    expect(d4.dueDate.toISOString().slice(0, 10)).toBe('2026-12-12');
    const versions = await db.prisma.planVersion.findMany({ orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.variance).toMatchObject({ replan: 1 });
    // A decided proposal stays decided.
    expect(await say('U0SAM', 'replan reject 1')).toMatch(/^\*That can't be done now\.\*\n.*already approved/);

    // A re-import after the re-plan is the next version, not a second version 2.
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    const after = await db.prisma.planVersion.findMany({ orderBy: { version: 'asc' } });
    expect(after.map((v) => [v.version, v.sourceName])).toEqual([
      [1, expect.any(String)],
      [2, 'replan'],
      [3, expect.any(String)],
    ]);
    expect((await db.prisma.plan.findFirstOrThrow()).currentVersion).toBe(3);
  });

  it('link lets an unlinked person claim a member once; re-linking someone else is for leads', async () => {
    const linked = await say('U0NEWBIE', 'link "Priya Mehta"');
    expect(linked).toMatch(/already linked/);
    await db.prisma.chatIdentity.deleteMany({ where: { member: { key: 'priya' } } });
    // Written behind the store's back, so say the plan changed (the store's cache keys on revision).
    await db.prisma.plan.updateMany({ data: { revision: { increment: 1 } } });
    expect(await say('U0NEWBIE', 'link "Priya Mehta"')).toContain('Linked Priya Mehta');
    expect(await say('U0NEWBIE', 'today')).toContain('Nothing due today');
    expect(await say('U0LUIS', 'link <@U0EVIL> "Alex Rivera"')).toMatch(/Only leads/);
  });

  it('link does not let a member claim a second member, or a lead or sponsor while one is linked', async () => {
    await db.prisma.chatIdentity.deleteMany({ where: { member: { key: { in: ['priya', 'sam'] } } } });
    await db.prisma.plan.updateMany({ data: { revision: { increment: 1 } } });
    // Luis is linked already: taking Priya as well would route her DMs to him.
    expect(await say('U0LUIS', 'link "Priya Mehta"')).toMatch(/already linked as Luis Romero/);
    // Sam is the lead; Alex (sponsor) is linked, so only a lead or sponsor may link Sam.
    expect(await say('U0NEWBIE', 'link "Sam Jackson"')).toMatch(
      /Sam Jackson is a lead of .*: that seat is linked by the email or chat id the plan gives, or by a lead or workspace admin/,
    );
    expect(await db.prisma.chatIdentity.count({ where: { member: { key: 'sam' } } })).toBe(0);
    expect(await say('U0ALEX', 'link <@U0SAMNEW> "Sam Jackson"')).toContain('Linked Sam Jackson');
    // A plain member claims themselves as before.
    expect(await say('U0NEWBIE', 'link "Priya Mehta"')).toContain('Linked Priya Mehta');
  });

  it('link does not let the first asker claim a lead or sponsor, even while none is linked', async () => {
    await db.prisma.chatIdentity.deleteMany({ where: { member: { key: { in: ['sam', 'alex'] } } } });
    await db.prisma.plan.updateMany({ data: { revision: { increment: 1 } } });
    expect(await say('U0SAMNEW', 'link "Sam Jackson"')).toMatch(/Sam Jackson is a lead of .*: that seat is linked by/);
    expect(await say('U0ALEXNEW', 'link "Alex Rivera"')).toMatch(
      /Alex Rivera is a sponsor of .*: that seat is linked by/,
    );
    expect(await db.prisma.chatIdentity.count({ where: { member: { key: { in: ['sam', 'alex'] } } } })).toBe(0);
  });

  it('answers malformed commands with usage and changes nothing', async () => {
    await expect(app.run(acme, 'U0LUIS', 'block')).rejects.toThrow(/block <task>/);
    expect(await say('U0LUIS', 'done nope')).toMatch(/No task "nope"/);
    expect(await say('U0LUIS', 'ack 99')).toMatch(/No blocker 99/);
    expect(await db.prisma.blocker.count()).toBe(0);
  });
});
