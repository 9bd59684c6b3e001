import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../../src/store/keyring.js';
import { PrismaSlackInstallations } from '../../../src/store/prisma-slack-installations.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../../support/test-databases.js';
import { SECRETS, servePlanbot, type ServedPlanbot } from './security-harness.js';

const OLD_KEY = randomBytes(32).toString('base64');
const TOKEN = 'xoxb-9191-sealed-under-the-old-key';

/**
 * `planbot start` in OAuth mode over installs sealed with a key: a key that cannot open them stops
 * it before it serves, naming the key ids and changing nothing; the rotation steps of
 * docs/operations.md re-seal them with the new key.
 */
describe.each(storeKinds())('the encryption key of stored Slack installs, at start-up (%s)', (kind) => {
  let db: TestDatabase;
  let served: ServedPlanbot | undefined;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase(kind);
    await new PrismaSlackInstallations(db.prisma, Keyring.fromBase64(OLD_KEY)).save(
      { id: 'T0SEALED', name: 'Sealed' },
      { team: { id: 'T0SEALED' }, bot: { token: TOKEN, userId: 'U0BOT' } },
    );
  });
  afterEach(async () => {
    await served?.stop();
    served = undefined;
  });
  afterAll(async () => {
    await db?.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const stored = async () =>
    (await db.prisma.workspace.findFirstOrThrow({ where: { externalId: 'T0SEALED' }, select: { install: true } }))
      .install;

  it('refuses to start with a key that did not seal the stored installs, naming both key ids; nothing changes', async () => {
    const before = await stored();
    const oldId = Keyring.fromBase64(OLD_KEY).currentKeyId;
    const newId = Keyring.fromBase64(SECRETS.encryptionKey).currentKeyId;
    await expect(servePlanbot(db, { oauth: true })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining(
        `team T0SEALED was encrypted with key id ${oldId}, but PLANBOT_ENCRYPTION_KEY is key id ${newId}`,
      ),
    });
    expect(await stored()).toEqual(before);
  });

  it('starts with the old key kept as PLANBOT_ENCRYPTION_KEY_PREVIOUS and re-seals the installs with the new key', async () => {
    served = await servePlanbot(db, { oauth: true, env: { PLANBOT_ENCRYPTION_KEY_PREVIOUS: OLD_KEY } });
    expect(await stored()).toMatchObject({ v: 1, kid: Keyring.fromBase64(SECRETS.encryptionKey).currentKeyId });
    const log = served.log.join('');
    expect(log).toContain('sealed stored Slack installs with the current PLANBOT_ENCRYPTION_KEY');
    for (const secret of [OLD_KEY, SECRETS.encryptionKey, TOKEN]) expect(log).not.toContain(secret);
    await served.stop();
    served = undefined;

    // Next start, without the previous key: every install opens with the current one.
    served = await servePlanbot(db, { oauth: true });
    expect(served.log.join('')).not.toContain('sealed stored Slack installs');
  });
});
