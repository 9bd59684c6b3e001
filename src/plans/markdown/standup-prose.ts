import type { PlanRitual } from '../plan-schema.js';
import { numberFrom } from './prose-text.js';
import { timesIn } from './time-of-day.js';

/** What a plan's prose says about who a stand-up asks, its reminder and its digest. */
export type StandupProse = Partial<Pick<PlanRitual, 'ask' | 'remindAfter' | 'digestAt' | 'digestAfter'>>;

const PEOPLE = String.raw`(?:everyone|everybody|every(?:one on the team| member| team member| person)|all (?:team )?members|all of us|the whole team|each (?:team )?member|each person)`;
const EVERYONE = new RegExp(
  String.raw`\b${PEOPLE}\b[^.;]{0,60}?\b(?:posts?|answers?|updates?|repl(?:y|ies)|reports?|shares?|checks? in|(?:is|are|gets?) (?:asked|prompted|pinged))\b` +
    String.raw`|\b(?:asks?|prompts?|pings?)\s+${PEOPLE}\b`,
  'i',
);
const OWNERS =
  /\bonly (?:task )?owners\b|\b(?:only )?owners with (?:tasks?|work) due\b|\bonly (?:people|members|those) with (?:tasks?|work) due\b/i;
const AMOUNT = String.raw`(\d+|an?|one|two|three|four|five|six)\s*(h|hrs?|hours?|m|mins?|minutes?)\b`;
const REMIND = new RegExp(String.raw`\bremind(?:s|ers?|ed|ing)?\b[^.;]{0,60}?\bafter\s+${AMOUNT}`, 'i');
const DIGEST_WORD = /\b(?:digest|summary|round-?up|recap)\b/i;
const DIGEST_AFTER = new RegExp(
  String.raw`\b(?:digest|summary|round-?up|recap)\b[^.;]{0,60}?\b${AMOUNT}\s+(?:after|later)\b`,
  'i',
);

/** "2 hours", "an hour", "90 min" → "2h", "1h", "90m"; undefined when it is not a duration. */
function durationOf(amount: string | undefined, unit: string | undefined): string | undefined {
  const count = amount === undefined ? undefined : numberFrom(amount);
  if (count === undefined || count <= 0 || unit === undefined) return undefined;
  return /^h/i.test(unit) ? `${count}h` : `${count}m`;
}

/**
 * Whether the time at `index` in a clause is the digest's ("digest of answers at 11:00"), not the
 * time of a ritual: it follows a digest word. The cadence reader leaves such times out.
 */
export function isDigestTime(clause: string, index: number): boolean {
  return DIGEST_WORD.test(clause.slice(0, index));
}

/**
 * Stand-up settings as a stranger writes them: "everyone posts an update" or "only owners with
 * tasks due" (who is asked), "remind non-responders after 2 hours", "a digest of the answers at
 * 11:00" or "a summary 3 hours after". Only what is written is returned.
 */
export function standupProseIn(text: string): StandupProse {
  const found: StandupProse = {};
  if (OWNERS.test(text)) found.ask = 'owners';
  else if (EVERYONE.test(text)) found.ask = 'everyone';
  const remind = REMIND.exec(text);
  const remindAfter = durationOf(remind?.[1], remind?.[2]);
  if (remindAfter !== undefined) found.remindAfter = remindAfter;
  const after = DIGEST_AFTER.exec(text);
  const digestAfter = durationOf(after?.[1], after?.[2]);
  if (digestAfter !== undefined) found.digestAfter = digestAfter;
  else {
    const digest = DIGEST_WORD.exec(text);
    const at = digest ? timesIn(text.slice(digest.index))[0] : undefined;
    if (at !== undefined) found.digestAt = at.localTime;
  }
  return found;
}
