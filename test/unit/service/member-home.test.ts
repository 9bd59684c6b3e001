import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render-text.js';
import type { Message } from '../../../src/service/messages/message.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';
import { fakeService, USER } from './fake-service.js';

const buttonsOf = (home: Message) =>
  home.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => `${a.id}=${a.value}`) : []));

// The sprint plan with someone on call: the ladder's third tier (role on-call) reaches them.
const withOnCall = sprintPlanYaml.replace(
  '  - { key: priya,',
  '  - { key: omar, name: Omar Said, roles: [on-call], slackId: U0OMAR }\n  - { key: priya,',
);

describe("a member's home", () => {
  it('shows a lead the pending re-plan proposal with Approve and Reject, and its owner the slipped task as overdue', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    await f.run(USER.sam, 'done d1');
    await f.run(USER.priya, 'done d2');
    // Friday 09:00 PST: d3 (due Wednesday) slipped, proposal #1 moves d4 and d5 to Saturday's buffer day.
    await f.tickAt('2026-12-11T17:00:00Z');
    const proposal = (await f.state()).replans[0]!;

    const sam = await f.service.home(f.ctx(USER.sam));
    expect(renderText(sam)).toContain('Re-plan proposal #1*: d3 slipped; moves 2 dependants to the buffer day.');
    expect(buttonsOf(sam)).toEqual(
      expect.arrayContaining([`replan_approve=${proposal.id}`, `replan_reject=${proposal.id}`]),
    );

    const luis = await f.service.home(f.ctx(USER.luis));
    expect(renderText(luis)).not.toContain('Re-plan proposal');
    expect(buttonsOf(luis).filter((b) => b.startsWith('replan_'))).toEqual([]);
    expect(renderText(luis)).toMatch(/\*Overdue\*[\s\S]*\*d3\* Data ingestion · 2 days late/);

    // Approving from the home: the notice says so, and the proposal leaves the home.
    const approved = await f.service.handleButton(f.ctx(USER.sam), 'replan_approve', proposal.id);
    const after = renderText(await f.service.home(f.ctx(USER.sam), approved));
    expect(after).toMatch(/approved by Sam Jackson/);
    expect(after).not.toContain('Re-plan proposal #1*');
  });

  it('shows the on-call a blocker once the ladder has reached them, with Acknowledge; a member it never reached does not see it', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z', withOnCall);
    await f.run(USER.priya, 'block d2 waiting for the crawler licence');
    const blocker = await f.blocker(1);
    const omar = () => f.service.home(f.ctx('U0OMAR'));
    expect(renderText(await omar())).not.toContain('waiting for the crawler licence');

    // Tier 1 (Sam) at once, tier 2 (Alex) 4 h later, tier 3 (on-call) 4 h after that.
    await f.tickAt('2026-12-07T16:01:00Z');
    await f.tickAt('2026-12-07T20:01:00Z');
    await f.tickAt('2026-12-08T00:02:00Z');
    expect((await f.blocker(1)).steps.map((s) => s.tier)).toEqual([0, 1, 2]);

    const reached = await omar();
    expect(renderText(reached)).toContain('Blockers escalated to you* (1)');
    expect(renderText(reached)).toContain('waiting for the crawler licence');
    expect(buttonsOf(reached)).toContain(`blocker_ack=${blocker.id}`);

    const luis = renderText(await f.service.home(f.ctx(USER.luis)));
    expect(luis).not.toContain('waiting for the crawler licence');

    const acked = await f.service.handleButton(f.ctx('U0OMAR'), 'blocker_ack', blocker.id);
    expect((await f.blocker(1)).status).toBe('acknowledged');
    const after = await f.service.home(f.ctx('U0OMAR'), acked);
    expect(buttonsOf(after)).not.toContain(`blocker_ack=${blocker.id}`);
    expect(renderText(after)).toContain('acknowledged by Omar Said');
  });

  it('names the weekend check-in as what is due today, and tells answered from not answered', async () => {
    const f = await fakeService('2026-12-11T16:00:00Z');
    // Saturday 12 Dec, 11:00 PST: the weekend check-in is posted.
    await f.tickAt('2026-12-12T19:00:00Z');
    f.clock.set('2026-12-12T19:30:00Z');
    const before = await f.service.home(f.ctx(USER.luis));
    expect(renderText(before)).toContain("Today's weekend check-in (11:00 PST): *you have not answered yet*.");
    expect(renderText(before)).toContain("Next stand-up: Mon 14 Dec, 09:00 PST (the plan's time zone;");
    expect(buttonsOf(before)).toContain(`standup_update=${f.planId}`);

    await f.run(USER.luis, 'standup did: cleanup doing: rest blockers: none');
    const after = await f.service.home(f.ctx(USER.luis));
    expect(renderText(after)).toContain("Today's weekend check-in (11:00 PST): your answer is in.");
    // Priya has not answered: her home still asks.
    expect(renderText(await f.service.home(f.ctx(USER.priya)))).toContain('*you have not answered yet*');
  });

  it('offers no stand-up to answer before one has been posted', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const home = await f.service.home(f.ctx(USER.luis));
    expect(renderText(home)).toContain("Next stand-up: Mon 7 Dec, 09:00 PST (the plan's time zone;");
    expect(renderText(home)).not.toContain("Today's");
    // The plan's other rituals follow, in the same zone.
    expect(renderText(home)).toContain('Also next: Blocker triage Mon 7 Dec, 14:00 PST.');
    expect(buttonsOf(home).filter((b) => b.startsWith('standup_update'))).toEqual([]);
  });

  it("gives the next stand-up in the member's own zone when the plan gives one, and says whose zone it is", async () => {
    const inMadrid = sprintPlanYaml.replace(
      '{ key: luis, name: Luis Romero, roles: [member],',
      '{ key: luis, name: Luis Romero, roles: [member], timezone: Europe/Madrid,',
    );
    const f = await fakeService('2026-12-07T16:00:00Z', inMadrid);
    expect(renderText(await f.service.home(f.ctx(USER.luis)))).toContain(
      'Next stand-up: Mon 7 Dec, 18:00 GMT+1 (your time zone).',
    );
    expect(renderText(await f.service.home(f.ctx(USER.priya)))).toContain(
      "Next stand-up: Mon 7 Dec, 09:00 PST (the plan's time zone; your member entry gives none).",
    );
    // Priya's chat profile says Madrid: used, and said to be her profile's; the plan's word still wins for Luis.
    expect(renderText(await f.service.home(f.ctx(USER.priya), undefined, { zone: 'Europe/Madrid' }))).toContain(
      "Next stand-up: Mon 7 Dec, 18:00 GMT+1 (your profile's time zone).",
    );
    expect(renderText(await f.service.home(f.ctx(USER.luis), undefined, { zone: 'Asia/Tokyo' }))).toContain(
      'Next stand-up: Mon 7 Dec, 18:00 GMT+1 (your time zone).',
    );
    // A zone no one knows is not printed as "Invalid DateTime".
    expect(renderText(await f.service.home(f.ctx(USER.priya), undefined, { zone: 'Mars/Olympus' }))).toContain(
      "Next stand-up: Mon 7 Dec, 09:00 PST (the plan's time zone;",
    );
  });

  it("lists the member's tasks later this week apart from those after it", async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const luis = renderText(await f.service.home(f.ctx(USER.luis)));
    // Monday: d3 (Wednesday) and d4 (Thursday) are this week; d8 falls in the next one.
    expect(luis).toMatch(
      /\*Later this week\*\n.*\*d3\* Data ingestion · Wed 9 Dec\n.*\*d4\* Data quality · Thu 10 Dec/,
    );
    expect(luis).toContain('Next: *d8* Model selection (Mon 14 Dec)');
    expect(luis).not.toMatch(/Next:.*d4/);
  });

  it('shows the reporter how far up the ladder their blocker went, when the next tier is due, and who acknowledged it', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    await f.run(USER.priya, 'block d2 waiting for the crawler licence');
    expect(renderText(await f.service.home(f.ctx(USER.priya)))).toContain(
      '#1 waiting for the crawler licence (d2) · not escalated yet',
    );
    await f.tickAt('2026-12-07T16:01:00Z');
    // Tier 1 (Sam) fired at once; tier 2 (Alex) follows 4 h after it, at 12:00 in Los Angeles.
    expect(renderText(await f.service.home(f.ctx(USER.priya)))).toContain(
      '#1 waiting for the crawler licence (d2) · reached tier 1 (Primary): Sam Jackson · next tier Mon 7 Dec, 12:0',
    );
    const blocker = await f.blocker(1);
    await f.service.handleButton(f.ctx(USER.sam), 'blocker_ack', blocker.id);
    const after = renderText(await f.service.home(f.ctx(USER.priya)));
    expect(after).toContain('#1 waiting for the crawler licence (d2) · acknowledged by Sam Jackson');
    expect(after).not.toContain('next tier');
  });
});
