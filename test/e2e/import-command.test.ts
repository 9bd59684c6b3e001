import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInProcess } from '../support/cli-harness.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';

const seed004 = join(import.meta.dirname, '../../../shared/seeds/004_b059b576a3d56f4a.txt');
// A week-checklist plan: tasks by week and owners, but no meeting, no triage and no escalation contact.
const seed001 = join(import.meta.dirname, '../../../shared/seeds/001_cc008990fe03e237.txt');
const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-import-'));

describe.runIf(existsSync(seed004))('planbot import of seed 004', () => {
  it('previews 21 days, three buffer days, three rituals and a three-tier ladder without storing on --dry-run', async () => {
    const cwd = workdir();
    const { code, stdout } = await runInProcess(['import', seed004, '--start', '2026-12-07', '--dry-run'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('starts Mon 2026-12-07, 21 days');
    expect(stdout).toContain('Counts: 21 tasks, 10 members, 3 rituals, 3 ladder tiers, 3 buffer days');
    expect(stdout).toContain('Buffer days: day 6 (Sat 2026-12-12), day 13 (Sat 2026-12-19), day 20 (Sat 2026-12-26)');
    expect(stdout).toMatch(/standup .*09:00 America\/Los_Angeles, Mon-Fri/);
    expect(stdout).toMatch(/weekend_checkin .*11:00 America\/Los_Angeles/);
    expect(stdout).toMatch(/triage .*14:00 America\/Los_Angeles, Mon-Fri/);
    expect(stdout).toContain('2. Secondary: Alex Rivera, after 4 h');
    expect(stdout).toContain('Dry run: nothing stored.');
    expect(existsSync(join(cwd, 'var'))).toBe(false);
  });

  it('stores a version, writes the canonical YAML, and re-importing an edited copy reports the variance', async () => {
    const cwd = workdir();
    const first = await runInProcess(['import', seed004, '--start', '2026-12-07', '--out', 'plan.yaml'], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('as version 1');
    const yamlText = readFileSync(join(cwd, 'plan.yaml'), 'utf8');
    expect(yamlText.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/plan\.schema\.json$/);

    // Data Quality (day 4) slips two days; the retrospective (day 21) leaves the plan.
    const plan = parse(yamlText) as { tasks: { key: string; day?: number }[] };
    plan.tasks.find((t) => t.key === 'data-quality')!.day = 6;
    plan.tasks = plan.tasks.filter((t) => t.key !== 'retrospective-handoff');
    writeFileSync(join(cwd, 'plan2.json'), JSON.stringify(plan));
    const stored = await runInProcess(['import', 'plan2.json'], { cwd });
    expect(stored.code).toBe(0);
    expect(stored.stdout).toContain('as version 2');
    expect(stored.stdout).toContain('0 added, 1 removed, 1 moved');
    expect(stored.stdout).toContain('data-quality  Data Quality: 2026-12-10 → 2026-12-12 (+1 business day)');

    const db = await PGlite.create({ dataDir: join(cwd, 'var/data') });
    const versions = await db.query<{ version: number }>('SELECT version FROM plan_version ORDER BY version');
    const cancelled = await db.query<{ key: string }>("SELECT key FROM task WHERE status = 'cancelled'");
    await db.close();
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2]);
    expect(cancelled.rows.map((r) => r.key)).toEqual(['retrospective-handoff']);
  });

  it('stores a plan for a Slack or Teams workspace and channel, and explains a malformed workspace', async () => {
    const cwd = workdir();
    const slack = await runInProcess(
      ['import', seed004, '--start', '2026-12-07', '--workspace', 'slack:T0ACME', '--channel', 'C0DELIVERY'],
      { cwd },
    );
    expect(slack.code).toBe(0);
    const teams = await runInProcess(
      [
        'import',
        seed004,
        '--start',
        '2026-12-07',
        '--workspace',
        'teams:72f988bf-86f1-41af-91ab-2d7cd011db47',
        '--channel',
        '19:abc@thread.tacv2',
      ],
      { cwd },
    );
    expect(teams.code).toBe(0);
    const bad = await runInProcess(['import', seed004, '--start', '2026-12-07', '--workspace', 'teams:contoso'], {
      cwd,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected teams:<tenant id>, a GUID/);
    const db = await PGlite.create({ dataDir: join(cwd, 'var/data') });
    const plans = await db.query<{ platform: string; external_id: string; channel: string }>(
      'SELECT w.platform, w.external_id, p.channel FROM plan p JOIN workspace w ON w.id = p.workspace_id ORDER BY w.platform',
    );
    await db.close();
    expect(plans.rows).toEqual([
      { platform: 'slack', external_id: 'T0ACME', channel: 'C0DELIVERY' },
      { platform: 'teams', external_id: '72f988bf-86f1-41af-91ab-2d7cd011db47', channel: '19:abc@thread.tacv2' },
    ]);
  });

  it('without --start, previews the plan from the next Monday and says how to choose another day 1', async () => {
    const cwd = workdir();
    const { code, stdout } = await runInProcess(['import', seed004, '--dry-run'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'no start date given: day 1 is 2026-12-07 (the next Monday); use --start YYYY-MM-DD to choose another',
    );
    expect(stdout).toContain('Counts: 21 tasks');
    expect(existsSync(join(cwd, 'var'))).toBe(false);
  });
});

describe('planbot import refuses bad input with the file named and nothing stored', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['a missing file', () => 'nope.md', /nope\.md: no such file/],
    ['an empty file', (dir) => write(dir, 'empty.md', ''), /empty\.md: file is empty/],
    [
      'a file over 2 MB',
      (dir) => write(dir, 'huge.md', `# Plan\n${'x'.repeat(2 * 1024 * 1024)}`),
      /huge\.md: file is \d+ bytes; plans are limited to 2097152 bytes/,
    ],
    ['binary data', (dir) => write(dir, 'photo.md', 'PNG\u0000\u0001\u0002'), /photo\.md:1: file contains NUL bytes/],
    [
      'an unknown time zone',
      (dir) => write(dir, 'zone.yaml', 'name: X\ntimezone: Mars/Olympus\nstartDate: 2026-12-07\n'),
      /zone\.yaml.*line 2.*unknown IANA time zone|zone\.yaml:2/s,
    ],
  ];
  it.each(cases)('%s', async (_label, make, expected) => {
    const cwd = workdir();
    const file = make(cwd);
    const { code, stderr } = await runInProcess(['import', file, '--start', '2026-12-07'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toMatch(expected);
    expect(existsSync(join(cwd, 'var'))).toBe(false);
  });

  it('answers a malformed command line with usage', async () => {
    const cwd = workdir();
    expect((await runInProcess(['import'], { cwd })).stderr).toContain('Usage: planbot import');
    const bad = await runInProcess(['import', 'x.md', '--start', '7 Dec'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--start 7 Dec: expected');
  });
});

describe.runIf(existsSync(seed001))('planbot import of a plan with no cadence (seed 001, a week checklist)', () => {
  it('warns in the preview that it will never prompt anyone and offers --cadence and a YAML snippet', async () => {
    const cwd = workdir();
    const { code, stdout } = await runInProcess(['import', seed001, '--start', '2026-12-07', '--dry-run'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('WARNING: no stand-up, no triage and no escalation ladder');
    expect(stdout).toContain('--cadence "standup 09:30 weekdays; triage 14:00 weekdays"');
    expect(stdout).toContain('      - { kind: standup, localTime: "09:30", days: [1, 2, 3, 4, 5] }');
  });

  it('stores it anyway, saying it will never prompt anyone until it has a cadence', async () => {
    const cwd = workdir();
    const { code, stdout } = await runInProcess(['import', seed001, '--start', '2026-12-07'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('as version 1');
    expect(stdout).toContain(
      'This plan will never prompt anyone until it has a stand-up, a triage or an escalation ladder',
    );
  });

  it('runs with the cadence given by --cadence, stored as rituals', async () => {
    const cwd = workdir();
    const { code, stdout } = await runInProcess(
      ['import', seed001, '--start', '2026-12-07', '--cadence', 'standup 9:30 weekdays; triage 14:00 mon,wed,fri'],
      { cwd },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('standup: 09:30 UTC, Mon-Fri');
    expect(stdout).toContain('triage: 14:00 UTC, Mon, Wed, Fri');
    expect(stdout).not.toContain('WARNING: no stand-up');
    expect(stdout).not.toContain('will never prompt anyone');
    const db = await PGlite.create({ dataDir: join(cwd, 'var/data') });
    const rituals = await db.query<{ kind: string; local_time: string; next_run_at: Date | null }>(
      "SELECT kind, local_time, next_run_at FROM ritual WHERE active AND kind IN ('standup', 'triage') ORDER BY kind",
    );
    await db.close();
    expect(rituals.rows.map((r) => [r.kind, r.local_time, r.next_run_at !== null])).toEqual([
      ['standup', '09:30', true],
      ['triage', '14:00', true],
    ]);
  });

  it.each([
    ['standup 9.30 weekdays', '"9.30" is not a time of day as HH:MM'],
    ['standup 09:30', 'expected three words, kind HH:MM days'],
    ['retro 09:30 weekdays', 'unknown kind "retro"; use standup, triage or checkin'],
    ['standup 09:30 weekends', '"weekends" is not weekdays, daily or a list of days like mon,wed,fri'],
  ])('refuses --cadence "%s", saying what was wrong and the form', async (cadence, why) => {
    const cwd = workdir();
    const bad = await runInProcess(['import', seed001, '--dry-run', '--cadence', cadence], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(why);
    expect(bad.stderr).toContain(
      'The form is kind HH:MM days, e.g. --cadence "standup 09:30 weekdays; triage 14:00 weekdays"',
    );
  });
});

describe('planbot import after an approved re-plan', () => {
  it('keeps the approved move the document did not change, and says which', async () => {
    const cwd = workdir();
    write(cwd, 'plan.yaml', sprintPlanYaml);
    expect((await runInProcess(['import', 'plan.yaml'], { cwd })).code).toBe(0);

    // What approving re-plan #1 writes: d4 on the buffer day, Saturday Dec 12, in the rows and a new version.
    const db = await PGlite.create({ dataDir: join(cwd, 'var/data') });
    const [v1] = (
      await db.query<{ plan_id: string; document: { tasks: Record<string, unknown>[] } }>(
        'SELECT plan_id, document FROM plan_version WHERE version = 1',
      )
    ).rows;
    const document = {
      ...v1!.document,
      tasks: v1!.document.tasks.map((t) => (t.key === 'd4' ? { ...t, day: undefined, date: '2026-12-12' } : t)),
    };
    const moved = [{ taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' }];
    await db.query("UPDATE task SET due_date = '2026-12-12' WHERE key = 'd4'");
    await db.query('UPDATE plan SET current_version = 2');
    await db.query(
      "INSERT INTO plan_version (id, plan_id, version, document, source_name, imported_by, variance) VALUES (gen_random_uuid(), $1, 2, $2, 'replan', 'sam', $3)",
      [v1!.plan_id, JSON.stringify(document), JSON.stringify({ replan: 1, moved })],
    );
    await db.close();

    write(cwd, 'plan.yaml', sprintPlanYaml.replace('title: Kickoff', 'title: Kick-off'));
    const again = await runInProcess(['import', 'plan.yaml'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('as version 3');
    expect(again.stdout).toContain('0 added, 0 removed, 0 moved');
    expect(again.stdout).toContain('Kept 1 approved move: d4 Data quality stays on Sat 12 Dec (re-plan #1)');
  });
});

function write(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}
