import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { Keyring } from '../../src/store/keyring.js';
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
    const installs = new PrismaSlackInstallations(db.prisma, new Keyring(randomBytes(32)));
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

  it('stores installs sealed: the row holds no token, only the key id and ciphertext', async () => {
    const keyring = new Keyring(randomBytes(32));
    const installs = new PrismaSlackInstallations(db.prisma, keyring);
    await installs.save({ id: 'T0SEAL', name: 'Seal' }, install('xoxb-sealed-at-rest'));
    const stored = await storedInstall('T0SEAL');
    expect(JSON.stringify(stored)).not.toContain('xoxb-');
    expect(stored).toMatchObject({ v: 1, kid: keyring.currentKeyId });
    expect(await installs.find('T0SEAL')).toEqual(install('xoxb-sealed-at-rest'));
  });

  it('refuses to store an install without an encryption key, writing nothing', async () => {
    const installs = new PrismaSlackInstallations(db.prisma);
    await expect(installs.save({ id: 'T0PLAIN', name: 'Plain' }, install('xoxb-never-stored'))).rejects.toThrowError(
      /PLANBOT_ENCRYPTION_KEY is not set/,
    );
    expect(await db.prisma.workspace.count({ where: { externalId: 'T0PLAIN' } })).toBe(0);
  });

  it("reads a plain install from before sealing, and seals it (and an earlier key's install) again at start-up", async () => {
    const old = randomBytes(32);
    await new PrismaSlackInstallations(db.prisma, new Keyring(old)).save({ id: 'T0OLDKEY' }, install('xoxb-old-key'));
    await db.prisma.workspace.create({
      data: { platform: 'slack', externalId: 'T0LEGACY', name: 'Legacy', install: install('xoxb-legacy-plain') },
    });
    const currentKey = randomBytes(32);
    const rotated = new Keyring(currentKey, [old]);
    const installs = new PrismaSlackInstallations(db.prisma, rotated);
    expect(await installs.find('T0LEGACY')).toEqual(install('xoxb-legacy-plain'));
    expect(await installs.find('T0OLDKEY')).toEqual(install('xoxb-old-key'));

    // Everything not sealed with the current key (what the earlier tests left too, under their own keys, is not readable here).
    await db.prisma.workspace.updateMany({
      where: { externalId: { notIn: ['T0LEGACY', 'T0OLDKEY'] } },
      data: { install: Prisma.DbNull },
    });
    expect(await installs.resealAll()).toBe(2);
    for (const team of ['T0LEGACY', 'T0OLDKEY']) {
      expect(await storedInstall(team)).toMatchObject({ kid: rotated.currentKeyId });
      expect(JSON.stringify(await storedInstall(team))).not.toContain('xoxb-');
    }
    expect(await installs.resealAll()).toBe(0);
    // Once resealed, the previous key is no longer needed.
    const current = new PrismaSlackInstallations(db.prisma, new Keyring(currentKey));
    expect(await current.find('T0OLDKEY')).toEqual(install('xoxb-old-key'));
  });

  it('refuses, naming the key ids, an install sealed with a key it was not given; and changes nothing', async () => {
    const first = new Keyring(randomBytes(32));
    await new PrismaSlackInstallations(db.prisma, first).save({ id: 'T0WRONG' }, install('xoxb-wrong-key'));
    const before = await storedInstall('T0WRONG');
    const wrong = new PrismaSlackInstallations(db.prisma, new Keyring(randomBytes(32)));
    await expect(wrong.find('T0WRONG')).rejects.toThrowError(
      new RegExp(`team T0WRONG was encrypted with key id ${first.currentKeyId}, but PLANBOT_ENCRYPTION_KEY is key id`),
    );
    await expect(wrong.resealAll()).rejects.toMatchObject({ code: 'config_invalid' });
    expect(await storedInstall('T0WRONG')).toEqual(before);
  });

  async function storedInstall(teamId: string): Promise<unknown> {
    const row = await db.prisma.workspace.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
    });
    return row.install;
  }

  async function workspaceName(teamId: string): Promise<string | undefined> {
    const row = await db.prisma.workspace.findUnique({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
    });
    return row?.name;
  }
});
