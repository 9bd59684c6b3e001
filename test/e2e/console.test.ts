import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { runPlanbot } from '../support/run-planbot.js';

const repo = join(import.meta.dirname, '../..');

// Real processes on a new PGlite folder: slow on a loaded machine.
describe('the local console, as a newcomer uses it', { timeout: 180_000 }, () => {
  it('drives an imported plan by name, in its zone, says when the next post comes, and links by name', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'planbot-console-'));
    // The machine's zone is not the plan's: stamps must not follow the machine.
    const env = { TZ: 'Asia/Tokyo' };
    // The plans start next Monday (Pacific), so their first stand-up is ahead of the clock.
    const monday = DateTime.now().setZone('America/Los_Angeles').plus({ weeks: 1 }).startOf('week').toISODate()!;
    for (const file of ['examples/launch-sprint.md', 'test/fixtures/plans/day-table.md']) {
      const imported = await runPlanbot(['import', join(repo, file), '--start', monday], env, cwd).done;
      expect(imported.code).toBe(0);
    }

    const result = await runPlanbot(
      ['start', '--plan', 'checkout revamp', '--speed', '600'],
      { ...env, PLANBOT_CLOCK_START: new Date().toISOString() },
      cwd,
      [
        '/plan status',
        '/plan block kickoff waiting on the scope doc',
        '/plan link "Omar Haddad"',
        '/plan today',
        '',
      ].join('\n'),
    ).done;
    expect(result.code).toBe(0);
    // --plan picked the second plan imported, not the first (which a bare `start` drives).
    expect(result.stdout).toContain('*Checkout Revamp: 10-Day Sprint*');
    expect(result.stdout).not.toContain('Mobile Checkout Relaunch');
    expect(result.stderr).toMatch(/Times are America\/Los_Angeles/);
    // At 600× speed the first stand-up is minutes of real time away, and says so.
    expect(result.stderr).toMatch(
      new RegExp(`Next scheduled post: Mon ${monday} \\d\\d:\\d\\d PST, in about \\d+ min of real time`),
    );
    // What planbot posts is stamped in the plan's zone (Pacific), not the machine's (Tokyo).
    expect(result.stdout).toMatch(/\n\[\w{3} \d{4}-\d\d-\d\d \d\d:\d\d PST\] → /);
    // Linking yourself by name makes you that member: today is Omar's now.
    const linked = result.stdout.indexOf('Now acting as Omar Haddad');
    expect(linked).toBeGreaterThan(-1);
    expect(result.stdout.slice(linked)).toContain('Cart service');
    expect(result.stdout).not.toContain('Linked Omar Haddad to this console account');
  });

  it('names the plans there are when --plan names none', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'planbot-console-'));
    const result = await runPlanbot(['start', '--plan', 'nothing like it'], {}, cwd, '/plan status\n').done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--plan nothing like it: no plan has been imported here yet/);
    expect(result.stdout).not.toContain('/plan');
  });

  it('with no terminal and no input, says what to configure and exits 3 instead of quitting as if done', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'planbot-console-'));
    // stdin is a pipe closed at once: what a service manager or `docker run` without -it gives.
    const result = await runPlanbot(['start'], {}, cwd, '').done;
    expect(result.code).toBe(3);
    const said = result.stderr.slice(result.stderr.indexOf('planbot: nothing to run'));
    expect(said).toMatch(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(said).toMatch(/MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD/);
    expect(said).toMatch(/docker run -it/);
  });
});
