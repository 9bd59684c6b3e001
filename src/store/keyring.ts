import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PlanError } from '../domain/plan-error.js';

/**
 * A value sealed with AES-256-GCM, as stored in a JSON column. `kid` names the key it was sealed
 * with, so a wrong or missing key is reported as such instead of failing as "bad data".
 */
export interface SealedJson {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** Whether a stored JSON value is a sealed envelope (anything else was written before sealing). */
export function isSealed(value: unknown): value is SealedJson {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 1 &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.data === 'string'
  );
}

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Short, stable name of a key: the first 8 hex digits of its SHA-256. Safe to print and store. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A base64 key as PLANBOT_ENCRYPTION_KEY holds it, or undefined when it is not exactly 32 bytes of base64. */
export function decodeKey(base64: string): Buffer | undefined {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  // Buffer.from ignores what it cannot read; a key that does not round-trip was mistyped.
  if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, ''))
    return undefined;
  return key;
}

/**
 * Seals and opens JSON with the current key, and opens what older keys sealed, so keys can be
 * rotated without a flag day: values opened with an older key are reported `stale`, and whoever
 * stores them again seals them with the current one.
 */
export class Keyring {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    if (current.length !== KEY_BYTES) throw new Error(`an encryption key is ${KEY_BYTES} bytes`);
    this.current = { id: keyId(current), key: current };
    this.byId = new Map([current, ...previous].map((key) => [keyId(key), key]));
  }

  /** From base64 strings (PLANBOT_ENCRYPTION_KEY and PLANBOT_ENCRYPTION_KEY_PREVIOUS), already validated by config. */
  static fromBase64(current: string, previous: readonly string[] = []): Keyring {
    const decode = (text: string) => {
      const key = decodeKey(text);
      if (!key) throw new Error('an encryption key is 32 bytes of base64');
      return key;
    };
    return new Keyring(decode(current), previous.map(decode));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /**
   * Seals `value`. `context` (say, "slack-install:T0123") is authenticated but not stored: a
   * sealed value copied onto another row does not open there.
   */
  seal(value: unknown, context: string): SealedJson {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      v: 1,
      kid: this.current.id,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  /** Opens a sealed value; `stale` when an older key sealed it. Throws a PlanError naming the key it needs. */
  open(sealed: SealedJson, context: string): { value: unknown; stale: boolean } {
    const key = this.byId.get(sealed.kid);
    if (!key) {
      throw new PlanError(
        'config_invalid',
        `${context} was encrypted with key id ${sealed.kid}, but PLANBOT_ENCRYPTION_KEY is key id ${this.current.id}${this.byId.size > 1 ? ` and PLANBOT_ENCRYPTION_KEY_PREVIOUS holds ${[...this.byId.keys()].filter((id) => id !== this.current.id).join(', ')}` : ''}: set the key it was encrypted with as PLANBOT_ENCRYPTION_KEY_PREVIOUS (see docs/operations.md, "Encryption key and rotation").`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      return { value: JSON.parse(text.toString('utf8')), stale: sealed.kid !== this.current.id };
    } catch {
      throw new PlanError(
        'config_invalid',
        `${context} could not be decrypted with key id ${sealed.kid}: the stored value was altered or copied from another row. Reinstall to store it again.`,
      );
    }
  }
}
