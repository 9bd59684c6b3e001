import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeKey, isSealed, Keyring, keyId } from '../../../src/store/keyring.js';

const install = { team: { id: 'T0ONE' }, bot: { token: 'xoxb-1-2-sealed-token', userId: 'U0BOT' } };
const context = 'Slack install of T0ONE';

describe('Keyring', () => {
  it('seals JSON so that no token is readable in what is stored, and opens it again', () => {
    const ring = new Keyring(randomBytes(32));
    const sealed = ring.seal(install, context);
    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('xoxb-');
    expect(sealed.kid).toBe(ring.currentKeyId);
    expect(ring.open(sealed, context)).toEqual({ value: install, stale: false });
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    const ring = new Keyring(randomBytes(32));
    expect(ring.seal(install, context).data).not.toBe(ring.seal(install, context).data);
  });

  it('opens what a previous key sealed and says it is stale, so it is sealed again with the current key', () => {
    const old = randomBytes(32);
    const sealedWithOld = new Keyring(old).seal(install, context);
    const rotated = new Keyring(randomBytes(32), [old]);
    expect(rotated.open(sealedWithOld, context)).toEqual({ value: install, stale: true });
  });

  it('refuses a value sealed with an unknown key, naming both key ids and what to set', () => {
    const old = randomBytes(32);
    const sealed = new Keyring(old).seal(install, context);
    const other = new Keyring(randomBytes(32));
    expect(() => other.open(sealed, context)).toThrowError(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringContaining(
          `encrypted with key id ${keyId(old)}, but PLANBOT_ENCRYPTION_KEY is key id ${other.currentKeyId}`,
        ),
      }),
    );
    expect(() => other.open(sealed, context)).toThrowError(/PLANBOT_ENCRYPTION_KEY_PREVIOUS/);
  });

  it('refuses a value moved to another row or altered (the context and the data are authenticated)', () => {
    const ring = new Keyring(randomBytes(32));
    const sealed = ring.seal(install, context);
    expect(() => ring.open(sealed, 'Slack install of T0TWO')).toThrowError(/could not be decrypted/);
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => ring.open({ ...sealed, data: flipped.toString('base64') }, context)).toThrowError(
      /could not be decrypted/,
    );
  });

  it('tells a sealed envelope from a plain install written before sealing', () => {
    expect(isSealed(install)).toBe(false);
    expect(isSealed(null)).toBe(false);
    expect(isSealed({ v: 1, kid: 'abcd1234' })).toBe(false);
  });
});

describe('decodeKey', () => {
  it('takes what `openssl rand -base64 32` prints', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('base64'))).toEqual(key);
    expect(decodeKey(`${key.toString('base64')}\n`)).toEqual(key);
  });

  it('refuses keys of the wrong length or not in base64', () => {
    expect(decodeKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(decodeKey(randomBytes(33).toString('base64'))).toBeUndefined();
    expect(decodeKey('correct horse battery staple correct horse battery')).toBeUndefined();
    expect(decodeKey(randomBytes(32).toString('hex'))).toBeUndefined();
  });
});
