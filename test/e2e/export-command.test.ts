import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli-harness.js';
import { startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../support/planbot-server.js';
import { runPlanbot } from '../support/run-planbot.js';

const seed004 = join(import.meta.dirname, '../../../shared/seeds/004_b059b576a3d56f4a.txt');
const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-export-'));
const PLAN = 'PRJ-AIML-002 · AI Marketing Automation Sprint';

/** The CSV's rows as cells by column name (the seed's cells hold no quoted newlines). */
function csvRecords(csv: string): Record<string, string>[] {
  const cells = (line: string) =>
    [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [header, ...rows] = csv.trim().split('\n');
  const names = cells(header!);
  return rows.map((row) => Object.fromEntries(cells(row).map((cell, i) => [names[i], cell])));
}

// Real PGlite folders and real planbot processes (a console, a server): minutes on a loaded machine.
describe.runIf(existsSync(seed004))('planbot export of seed 004', { timeout: 300_000 }, () => {
  it('writes the tasks as CSV, a calendar as ICS, and YAML that imports back with no variance', async () => {
    const cwd = workdir();
    expect((await runInProcess(['import', seed004, '--start', '2026-12-07'], { cwd })).code).toBe(0);
    // Sam finishes the kickoff in chat (the console), as a plan member would.
    const done = await runPlanbot(
      ['start', '--plan', 'marketing', '--as', 'sam-jackson'],
      {},
      cwd,
      '/plan done kickoff-intake\n',
    ).done;
    expect(done.code).toBe(0);

    const csv = await runInProcess(['export', 'marketing', '--format', 'csv'], { cwd });
    expect(csv.code).toBe(0);
    const rows = csvRecords(csv.stdout);
    expect(rows).toHaveLength(21);
    expect(rows[0]).toEqual({
      key: 'kickoff-intake',
      title: 'Kickoff & Intake',
      owner: 'Sam Jackson',
      owner_email: 'sam@samsjackson.dev',
      stream: '',
      plan_day: '1',
      due_date: '2026-12-07',
      planned_date: '2026-12-07',
      status: 'done',
      depends_on: '',
      deliverable: 'Align success criteria, confirm access matrix, populate Notion roadmap.',
      priority: '',
      critical: 'no',
    });
    expect(rows.find((r) => r.key === 'data-quality')).toMatchObject({ depends_on: 'data-ingestion', plan_day: '4' });

    const ics = await runInProcess(['export', 'marketing', '--format', 'ics', '--out', 'plan.ics'], { cwd });
    expect(ics.code).toBe(0);
    expect(ics.stdout).toContain(`Wrote "${PLAN}" (version 1) as ics to plan.ics.`);
    const calendar = readFileSync(join(cwd, 'plan.ics'), 'utf8');
    expect(calendar.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(calendar).toContain('METHOD:PUBLISH\r\n');
    expect(calendar).toContain(`X-WR-CALNAME:${PLAN}\r\n`);
    // 15 weekdays in 21 days: a stand-up (09:00 PST = 17:00 UTC) and a triage window on each.
    expect(calendar.match(/SUMMARY:.*: Stand-up\r\n/g)).toHaveLength(15);
    expect(calendar.match(/DTSTART:202612\d\dT170000Z\r\n/g)).toHaveLength(15);
    expect(calendar.match(/SUMMARY:.*: Blocker triage\r\n/g)).toHaveLength(15);
    expect(calendar).toMatch(
      /SUMMARY:Done: Kickoff & Intake \(Sam Jackson\)\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART;VALUE=DATE:20261207\r\n/,
    );
    const again = await runInProcess(['export', 'marketing', '--format', 'ics'], { cwd, now: '2026-12-08T12:00:00Z' });
    const uids = (text: string) => [...text.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    expect(uids(again.stdout)).toEqual(uids(calendar));

    const yaml = await runInProcess(['export', 'marketing', '--format', 'yaml', '--out', 'plan.yaml'], { cwd });
    expect(yaml.code).toBe(0);
    expect(readFileSync(join(cwd, 'plan.yaml'), 'utf8')).toContain('key: kickoff-intake # status: done\n');
    // Into the same database: a re-baseline that changes nothing, and Sam's work stays done.
    const reimported = await runInProcess(['import', 'plan.yaml'], { cwd });
    expect(reimported.code).toBe(0);
    expect(reimported.stdout).toContain('as version 2');
    expect(reimported.stdout).toContain('0 added, 0 removed, 0 moved, 21 unchanged');
    const after = csvRecords((await runInProcess(['export', 'marketing', '--format', 'csv'], { cwd })).stdout);
    expect(after).toEqual(rows);
    // Into a new database: the same tasks, owners and dates (statuses start over: the format has none).
    const fresh = { PLANBOT_DATA_DIR: join(cwd, 'fresh') };
    expect((await runInProcess(['import', 'plan.yaml'], { cwd, env: fresh })).code).toBe(0);
    const copied = csvRecords(
      (await runInProcess(['export', 'marketing', '--format', 'csv'], { cwd, env: fresh })).stdout,
    );
    const withoutStatus = (records: Record<string, string>[]) => records.map(({ status: _status, ...rest }) => rest);
    expect(withoutStatus(copied)).toEqual(withoutStatus(rows));
  });

  it('names the plans there are, and answers a wrong format or a missing plan name with usage', async () => {
    const cwd = workdir();
    expect((await runInProcess(['import', seed004, '--start', '2026-12-07'], { cwd })).code).toBe(0);
    const missing = await runInProcess(['export', 'launch', '--format', 'csv'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `"launch" (workspace Local console): no plan by that name. Plans here: "${PLAN}".`,
    );
    const pdf = await runInProcess(['export', 'marketing', '--format', 'pdf'], { cwd });
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('--format pdf: expected csv, ics or yaml.');
    expect(pdf.stderr).toContain('Usage: planbot export <plan name> --format csv|ics|yaml');
    const noFormat = await runInProcess(['export', 'marketing'], { cwd });
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('Say which format: --format csv, ics or yaml.');
    expect((await runInProcess(['export', '--format', 'csv'], { cwd })).code).toBe(2);
    const nowhere = await runInProcess(['export', 'marketing', '--format', 'csv', '--out', 'no/such/plan.csv'], {
      cwd,
    });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('--out no/such/plan.csv: cannot write there (ENOENT)');
    expect(existsSync(join(cwd, 'plan.csv'))).toBe(false);
  });

  it('prints the URL a calendar app subscribes to, and the running server serves the plan there', async () => {
    const cwd = workdir();
    expect((await runInProcess(['import', seed004, '--start', '2026-12-07'], { cwd })).code).toBe(0);
    const off = await runInProcess(['export', 'marketing', '--format', 'ics', '--url'], { cwd });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('Subscribable calendars are off: set PLANBOT_PUBLIC_URL');

    const calendar = {
      PLANBOT_PUBLIC_URL: 'https://planbot.example.com/',
      PLANBOT_CALENDAR_SECRET: 'export-e2e-secret-0123456789abcdef0123',
    };
    const printed = await runInProcess(['export', 'marketing', '--format', 'ics', '--url'], { cwd, env: calendar });
    expect(printed.code).toBe(0);
    const url = printed.stdout.trim();
    expect(url).toMatch(/^https:\/\/planbot\.example\.com\/calendar\/[0-9a-f-]{36}\/[\w-]{32}\.ics$/);
    expect(url).not.toContain('marketing');

    // Teams credentials make `start` serve HTTP; nothing is due before the plan starts, so nothing calls Microsoft.
    const env = {
      ...calendar,
      MICROSOFT_APP_ID: '6f1c2a7e-4444-4c3b-9f00-00000000ca1e',
      MICROSOFT_APP_PASSWORD: 'export-e2e-password',
      PORT: '0',
    };
    let server: PlanbotServer | undefined;
    try {
      server = await startPlanbotServer(env, cwd, 120_000);
      const local = url.replace('https://planbot.example.com', `http://127.0.0.1:${server.port}`);
      const response = await fetch(local);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const body = await response.text();
      expect(body).toContain(`X-WR-CALNAME:${PLAN}\r\n`);
      expect(body.match(/SUMMARY:.*: Stand-up\r\n/g)).toHaveLength(15);
      expect((await fetch(local.replace(/\/[\w-]{32}\.ics$/, '.ics'))).status).toBe(404);
    } finally {
      await stopPlanbotServer(server);
    }
  });
});
