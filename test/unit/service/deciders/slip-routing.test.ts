import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersForStream } from '../../../../src/domain/stream-owner.js';
import { importPlanText } from '../../../../src/plans/plan-import.js';
import { nextSlipCheck } from '../../../../src/service/deciders/slip-decision.js';
import { readSeed, seedsDir } from '../../plans/seed-helpers.js';
import { fakeService } from '../fake-service.js';

// #17 item 3: a slip goes to the sponsors who answer for the task's stream when the plan says who
// does, and one person's slips of one tick come as one message.

const MONDAY = '2026-12-07T16:00:00Z';

/** Three heads, as in seed 001: a division lead with no stream, and one head per stream. */
const threeHeads = `
name: Ops division
timezone: America/Los_Angeles
startDate: 2026-12-07
members:
  - { key: coo, name: Dana Cole, title: COO, roles: [lead], slackId: U0COO }
  - { key: infra, name: Ines Park, title: Head of Infrastructure, roles: [lead], slackId: U0INFRA }
  - { key: it, name: Omar Said, roles: [lead], streams: [IT & Business Systems], slackId: U0IT }
  - { key: sam, name: Sam Jackson, roles: [member], slackId: U0SAM }
rules: { slipThresholdBusinessDays: 1, pushDependantsToBuffer: false }
tasks:
  - { key: i1, title: Cloud accounts, owner: sam, day: 1, stream: Infrastructure & DevOps }
  - { key: i2, title: Monitoring, owner: sam, day: 1, stream: Infrastructure & DevOps }
  - { key: i3, title: CI/CD pipeline, owner: sam, day: 1, stream: Infrastructure & DevOps }
  - { key: t1, title: IT systems selected, owner: sam, day: 1, stream: IT & Business Systems }
  - { key: t2, title: Office space, owner: sam, day: 1, stream: IT & Business Systems }
  - { key: x1, title: Budget review, owner: sam, day: 1, stream: Finance }
  - { key: n1, title: Kickoff, owner: sam, day: 1 }
`;

describe('who is told of a slip', () => {
  it('each head hears of their own stream’s slips in one DM; a slip no head answers for goes to every sponsor', async () => {
    const f = await fakeService(MONDAY, threeHeads);
    // Everything was due Monday: all seven slip together on Wednesday at 09:00.
    await f.tickAt('2026-12-09T17:00:00Z');
    const alerts = f.queued().filter((m) => m.kind === 'slip_alert');
    const told = Object.fromEntries(
      alerts.map((m) => [m.target, [...m.body.matchAll(/\*?\b([itxn]\d)\b\*?/g)].map((x) => x[1]).sort()]),
    );
    expect(told).toEqual({
      U0INFRA: ['i1', 'i2', 'i3', 'n1', 'x1'],
      U0IT: ['n1', 't1', 't2', 'x1'],
      U0COO: ['n1', 'x1'],
    });
    // One message per person, however many slips it lists.
    expect(alerts).toHaveLength(3);
  });

  it('a sponsor’s title or name names their stream: "Head of IT" answers for "IT & Business Systems" and not for infrastructure', () => {
    expect(answersForStream({ name: 'Head of IT' }, 'IT & Business Systems')).toBe(true);
    expect(answersForStream({ name: 'Head of IT' }, 'Infrastructure & DevOps')).toBe(false);
    expect(answersForStream({ name: 'Ines', title: 'Head of Infrastructure' }, 'Infrastructure & DevOps')).toBe(true);
    expect(answersForStream({ name: 'COO', title: 'Division Lead' }, 'Infrastructure & DevOps')).toBe(false);
    // A plan that lists streams is taken at its word.
    expect(answersForStream({ name: 'Head of IT', streams: ['Security'] }, 'IT & Business Systems')).toBe(false);
  });

  const seed001 = '001_cc008990fe03e237.txt';
  it.skipIf(!existsSync(`${seedsDir}${seed001}`))(
    'seed 001 (COO, Head of Infrastructure, Head of IT): week 1’s nine slips are two DMs, each head’s own',
    async () => {
      const { plan } = importPlanText(readSeed(seed001), { file: seed001, startDate: '2026-12-07' });
      const ids: Record<string, string> = { coo: 'U0COO', 'head-of-infrastructure': 'U0INFRA', 'head-of-it': 'U0IT' };
      const linked = { ...plan, members: plan.members.map((m) => ({ ...m, slackId: ids[m.key ?? ''] ?? 'U0OTHER' })) };
      const f = await fakeService(MONDAY, JSON.stringify(linked));
      const week1 = (await f.state()).tasks.filter((t) => t.key.startsWith('w1-'));
      expect(week1).toHaveLength(9);
      // Every task after week 1 is done, so only week 1 slips.
      for (const task of (await f.state()).tasks)
        if (!task.key.startsWith('w1-')) await f.run('U0COO', `done ${task.key}`);
      await f.tickAt(nextSlipCheck(await f.view())!.toISOString());
      const alerts = f.queued().filter((m) => m.kind === 'slip_alert');
      expect(alerts.map((m) => m.target).sort()).toEqual(['U0INFRA', 'U0IT']);
      const infra = alerts.find((m) => m.target === 'U0INFRA')!.body;
      const it = alerts.find((m) => m.target === 'U0IT')!.body;
      expect(infra).toContain('5 tasks slipped');
      expect(infra).toContain('Cloud accounts and initial infrastructure provisioned');
      expect(infra).not.toContain('Office space');
      expect(it).toContain('4 tasks slipped');
      expect(it).toContain('Office space');
      expect(it).not.toContain('Cloud accounts');
    },
  );
});
