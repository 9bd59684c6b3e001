import { durationMinutes } from '../../plans/duration-minutes.js';
import type { PlanRitual } from '../../plans/plan-schema.js';
import type { DigestTiming, StandupAsk } from './plan-state.js';

/** How a stand-up asks, reminds and sums up; every field absent keeps the plain stand-up. */
export interface StandupSettings {
  ask?: StandupAsk;
  remindAfterMinutes?: number;
  digest?: DigestTiming;
}

/** The settings a plan's stand-up ritual gives, in the units the scheduler works in. */
export function standupSettingsOf(ritual: PlanRitual): StandupSettings {
  if (ritual.kind !== 'standup') return {};
  const remind = ritual.remindAfter === undefined ? undefined : durationMinutes(ritual.remindAfter);
  const after = ritual.digestAfter === undefined ? undefined : durationMinutes(ritual.digestAfter);
  const digest: DigestTiming | undefined =
    ritual.digestAt !== undefined ? { at: ritual.digestAt } : after !== undefined ? { afterMinutes: after } : undefined;
  return {
    ...(ritual.ask ? { ask: ritual.ask } : {}),
    ...(remind !== undefined ? { remindAfterMinutes: remind } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The settings as the ritual row's `config` JSON keeps them (only those given). */
export function standupSettingsConfig(settings: StandupSettings): StandupSettings {
  return {
    ...(settings.ask ? { ask: settings.ask } : {}),
    ...(settings.remindAfterMinutes !== undefined ? { remindAfterMinutes: settings.remindAfterMinutes } : {}),
    ...(settings.digest ? { digest: settings.digest } : {}),
  };
}

/** The settings read back from a ritual row's `config`; anything malformed there is left out, not guessed. */
export function standupSettingsFromConfig(config: unknown): StandupSettings {
  const c = (config ?? {}) as { ask?: unknown; remindAfterMinutes?: unknown; digest?: unknown };
  const digest = c.digest as { at?: unknown; afterMinutes?: unknown } | undefined;
  return {
    ...(c.ask === 'everyone' || c.ask === 'owners' ? { ask: c.ask } : {}),
    ...(typeof c.remindAfterMinutes === 'number' ? { remindAfterMinutes: c.remindAfterMinutes } : {}),
    ...(typeof digest?.at === 'string'
      ? { digest: { at: digest.at } }
      : typeof digest?.afterMinutes === 'number'
        ? { digest: { afterMinutes: digest.afterMinutes } }
        : {}),
  };
}
