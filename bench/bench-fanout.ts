import type { Database } from '../src/store/database.js';

/** The escalation instant of the fan-out plan: its one blocker is due to escalate now. */
export const FANOUT_INSTANT = new Date('2026-12-09T18:00:00Z');
export const FANOUT_PLAN_ID = '00000000-0000-7000-9000-000000000001';
/** The Slack team id the plan's workspace has, which the DMs carry to the sender. */
export const FANOUT_TEAM_ID = 'T1';

/** Member i's Slack user id: upper case, so the Slack sender reads it as a user and opens a DM. */
export const fanoutUserId = (i: number) => `U${String(i).padStart(6, '0')}`;

const document = {
  name: 'Fan-out',
  timezone: 'America/Los_Angeles',
  startDate: '2026-12-07',
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  members: [],
  tasks: [],
  milestones: [],
  buffer: { days: [] },
  rituals: [],
  rules: { slipThresholdBusinessDays: 1, pushDependantsToBuffer: false },
  ladder: [{ label: 'Everyone', target: { kind: 'role', role: 'member' }, delayMinutes: 0, businessHours: false }],
};

/**
 * A plan whose one ladder tier reaches `members` people, each linked to a Slack user, and one
 * open blocker due to escalate at FANOUT_INSTANT: the next scheduler tick at that instant queues
 * one DM per member. Written with SQL, since importing 10,000 members through the service would
 * measure the import, not the fan-out.
 */
export async function seedFanoutPlan(db: Database, members: number): Promise<void> {
  const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
  const at = FANOUT_INSTANT.toISOString();
  await sql(
    `INSERT INTO workspace (id, platform, external_id, name, updated_at) VALUES ('00000000-0000-7000-8000-000000000001', 'slack', '${FANOUT_TEAM_ID}', 'bench', now())`,
  );
  await sql(
    `INSERT INTO plan (id, workspace_id, name, timezone, channel, updated_at) VALUES ('${FANOUT_PLAN_ID}', '00000000-0000-7000-8000-000000000001', 'Fan-out', 'America/Los_Angeles', 'C1', now())`,
  );
  await sql(
    `INSERT INTO plan_version (id, plan_id, version, document) VALUES (gen_random_uuid(), '${FANOUT_PLAN_ID}', 1, '${JSON.stringify(document)}'::jsonb)`,
  );
  await sql(
    `INSERT INTO member (id, plan_id, key, display_name, roles) SELECT gen_random_uuid(), '${FANOUT_PLAN_ID}', 'm' || g, 'Member ' || g, '{member}' FROM generate_series(1, ${members}) g`,
  );
  // fanoutUserId, in SQL.
  await sql(
    `INSERT INTO chat_identity (id, member_id, platform, external_id) SELECT gen_random_uuid(), id, 'slack', 'U' || lpad(substr(key, 2), 6, '0') FROM member`,
  );
  await sql(
    `INSERT INTO blocker (id, plan_id, number, summary, opened_at, next_escalation_at) VALUES (gen_random_uuid(), '${FANOUT_PLAN_ID}', 1, 'Outage', '${at}', '${at}')`,
  );
  await sql('ANALYZE');
}
