import { createHash } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import slackOAuth from '@slack/oauth';
import type { Clock } from '../../service/ports/clock.js';
import type { SeenRequests } from './seen-requests.js';

// CommonJS without named exports Node can detect: take them from the module object.
const { ClearStateStore, InvalidStateError } = slackOAuth;

/** How long an issued state may be used: Bolt's default, the life of the state cookie it sets with it. */
export const OAUTH_STATE_LIFETIME_SECONDS = 600;

/**
 * Bolt's default OAuth state is a signed, stateless token: valid for ten minutes however often
 * it is presented, so a captured callback URL and cookie could complete an install again. This
 * keeps Bolt's signed state and also records each state once verified (SeenRequests, shared by
 * every replica), refusing a second use. Recorded only after the signature checks out, so a
 * forged state cannot use up a genuine one.
 */
export class SingleUseStateStore implements StateStore {
  private readonly signed: StateStore;

  constructor(
    stateSecret: string,
    private readonly seen: SeenRequests,
    /** Real time: Bolt dates the state with the wall clock. */
    private readonly clock: Clock,
  ) {
    this.signed = new ClearStateStore(stateSecret, OAUTH_STATE_LIFETIME_SECONDS);
  }

  generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    return this.signed.generateStateParam(installOptions, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const installOptions = await this.signed.verifyStateParam(now, state);
    // Kept past the state's own expiry, after which the signature check refuses it anyway.
    const expiresAt = new Date(this.clock.now().getTime() + OAUTH_STATE_LIFETIME_SECONDS * 1000);
    const key = `slack-oauth-state:${createHash('sha256').update(state).digest('hex')}`;
    if (!(await this.seen.firstSeen(key, expiresAt)))
      throw new InvalidStateError('this install link was already used; start again from /slack/install');
    return installOptions;
  }
}
