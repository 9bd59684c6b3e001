import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaSeenRequests } from '../../src/store/prisma-seen-requests.js';
import { PrismaSlackInstallations } from '../../src/store/prisma-slack-installations.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

// Shaped like Bolt's Installation; the store keeps it as JSON without reading it.
const install = (token: string) => ({ team: { id: 'T0ACME', name: 'Acme' }, bot: { token, userId: 'U0BOT' } });

describe.each(storeKinds())('the Slack adapter tables on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('accepts a request key once, until it expires and is swept', async () => {
    const seen = new PrismaSeenRequests(db.prisma);
    const early = new Date('2026-12-01T09:05:00Z');
    const late = new Date('2026-12-01T09:10:00Z');
    expect(await seen.firstSeen('slack:v0=aa', early)).toBe(true);
    expect(await seen.firstSeen('slack:v0=aa', early)).toBe(false);
    expect(await seen.firstSeen('slack:v0=bb', late)).toBe(true);

    await seen.forgetExpired(new Date('2026-12-01T09:07:00Z'));
    // Only the expired key is gone: recording it again counts as a first sighting.
    expect(await seen.firstSeen('slack:v0=aa', late)).toBe(true);
    expect(await seen.firstSeen('slack:v0=bb', late)).toBe(false);
  });

  it('saves, replaces, finds and deletes the install of a team, keeping the workspace', async () => {
    const installs = new PrismaSlackInstallations(db.prisma);
    expect(await installs.find('T0ACME')).toBeNull();

    await installs.save({ id: 'T0ACME' }, install('xoxb-first'));
    // No name from Slack: the team id stands in until one comes.
    expect(await workspaceName('T0ACME')).toBe('T0ACME');
    await installs.save({ id: 'T0ACME', name: 'Acme' }, install('xoxb-second'));
    expect(await installs.find('T0ACME')).toEqual(install('xoxb-second'));
    expect(await workspaceName('T0ACME')).toBe('Acme');

    await installs.delete('T0ACME');
    expect(await installs.find('T0ACME')).toBeNull();
    expect(await workspaceName('T0ACME')).toBe('Acme');
    // A team planbot never knew: nothing to forget, and no error.
    await installs.delete('T0NOBODY');
  });

  async function workspaceName(teamId: string): Promise<string | undefined> {
    const row = await db.prisma.workspace.findUnique({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
    });
    return row?.name;
  }
});
