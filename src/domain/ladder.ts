import type { DateTime } from 'luxon';
import { z } from 'zod';
import { addDelay } from './business-hours.js';
import type { PlanCalendar } from './calendar.js';
import type { BlockerStatus } from './types.js';

export const ladderTierSchema = z.object({
  /** A member id, a role, or "pagerduty:<routing key name>"; the service resolves it. */
  target: z.string().min(1),
  // A year at most: a longer delay is a typo, and business-hour arithmetic walks day by day.
  delayMinutes: z.number().int().min(0).max(525_600),
  businessHours: z.boolean().default(false),
});

export const ladderSchema = z.array(ladderTierSchema).min(1, 'an escalation ladder needs at least one tier');

export type LadderTier = z.output<typeof ladderTierSchema>;
export type Ladder = readonly LadderTier[];

export interface TierDue {
  readonly index: number;
  readonly tier: LadderTier;
  readonly dueAt: DateTime;
}

/**
 * Each tier's delay counts from the previous tier's due instant (tier 0 counts from `openedAt`).
 * Cumulative delays keep tiers in order whatever the mix: a business-hours tier 2 and a wall-clock
 * tier 3 both measured from `openedAt` could make tier 3 due first (4 business hours from Friday
 * evening is Monday; 6 elapsed hours is Saturday). It is also how plans phrase it ("to the lead at
 * once and, if unresolved within 4 hours, to the sponsor") and how on-call ladders behave.
 */
function dueInstants(ladder: Ladder, openedAt: DateTime, calendar: PlanCalendar, upTo: number): DateTime[] {
  const instants: DateTime[] = [];
  let at: DateTime = openedAt.setZone(calendar.zone);
  for (const tier of ladder.slice(0, upTo + 1)) {
    at = addDelay(at, { minutes: tier.delayMinutes, businessHours: tier.businessHours }, calendar);
    instants.push(at);
  }
  return instants;
}

/** @throws RangeError when the ladder has no tier `tierIndex`. */
export function tierDueAt(ladder: Ladder, tierIndex: number, openedAt: DateTime, calendar: PlanCalendar): DateTime {
  const tier = tierOf(ladder, tierIndex);
  const dueAt = dueInstants(ladder, openedAt, calendar, tierIndex)[tierIndex];
  if (dueAt === undefined) {
    throw new RangeError(`Tier ${tierIndex} (${tier.target}) has no due instant`);
  }
  return dueAt;
}

/** The highest tier due at `now` (due instant ≤ now), or null when not even the first tier is. */
export function dueTier(ladder: Ladder, openedAt: DateTime, now: DateTime, calendar: PlanCalendar): TierDue | null {
  const instants = dueInstants(ladder, openedAt, calendar, ladder.length - 1);
  // Cumulative delays make the instants ascending, so the last one passed is the highest tier due.
  for (let index = instants.length - 1; index >= 0; index -= 1) {
    const dueAt = instants[index];
    const tier = ladder[index];
    if (dueAt !== undefined && tier !== undefined && dueAt.toMillis() <= now.toMillis()) {
      return { index, tier, dueAt };
    }
  }
  return null;
}

export interface EscalationState {
  readonly status: BlockerStatus;
  readonly openedAt: DateTime;
  /** How many tiers have been sent (or claimed) so far. */
  readonly tiersSent: number;
}

/**
 * The tier to send next and when, or null when nothing more goes out: an acknowledged blocker
 * stops climbing (someone owns it), a resolved one stops everything, and a ladder can run out.
 */
export function nextEscalation(blocker: EscalationState, ladder: Ladder, calendar: PlanCalendar): TierDue | null {
  if (blocker.status !== 'open' || blocker.tiersSent >= ladder.length) {
    return null;
  }
  const index = Math.max(0, blocker.tiersSent);
  return { index, tier: tierOf(ladder, index), dueAt: tierDueAt(ladder, index, blocker.openedAt, calendar) };
}

function tierOf(ladder: Ladder, index: number): LadderTier {
  const tier = ladder[index];
  if (tier === undefined) {
    throw new RangeError(`The ladder has tiers 0–${ladder.length - 1}, not ${index}`);
  }
  return tier;
}
