import { PlanError } from '../domain/plan-error.js';
import type { IsoWeekday } from '../domain/types.js';
import type { Plan, PlanRitual } from './plan-schema.js';

export const CADENCE_FORM =
  'kind HH:MM days, e.g. --cadence "standup 09:30 weekdays; triage 14:00 weekdays" (kind: standup, triage or checkin; days: weekdays, daily, or a list like mon,wed,fri)';

const KINDS = { standup: 'standup', triage: 'triage', checkin: 'weekend_checkin' } as const;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];
const DAILY: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * Reads `--cadence "standup 09:30 weekdays; triage 14:00 weekdays"`: rituals separated by `;`,
 * each `kind HH:MM days` in the plan's time zone. Anything else is refused, saying what was wrong.
 */
export function parseCadenceOption(text: string): PlanRitual[] {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw cadenceError(`--cadence "${text}": no ritual given`);
  return parts.map((part) => {
    const words = part.split(/\s+/);
    if (words.length !== 3) throw cadenceError(`--cadence "${part}": expected three words, kind HH:MM days`);
    const [kindWord, time, daysWord] = words as [string, string, string];
    const kind = KINDS[kindWord.toLowerCase() as keyof typeof KINDS] as PlanRitual['kind'] | undefined;
    if (kind === undefined)
      throw cadenceError(`--cadence "${part}": unknown kind "${kindWord}"; use standup, triage or checkin`);
    const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (!match) throw cadenceError(`--cadence "${part}": "${time}" is not a time of day as HH:MM (24-hour)`);
    const localTime = `${match[1]!.padStart(2, '0')}:${match[2]!}`;
    return { kind, localTime, days: parseDays(daysWord, part), questions: [], thread: false, dm: false };
  });
}

/**
 * A plan with no stand-up, no triage and no escalation ladder never prompts anyone. Returns the
 * preview's warning, naming what is missing and how to add it (the plan's working days as the
 * days), or undefined when the plan has any of them.
 */
export function missingCadenceWarning(plan: Plan): string[] | undefined {
  if (plan.ladder.length > 0 || plan.rituals.some((r) => r.kind === 'standup' || r.kind === 'triage')) return undefined;
  const days = daysWord(plan.workingDays);
  const numbers = `[${[...plan.workingDays].sort((a, b) => a - b).join(', ')}]`;
  return [
    `WARNING: no stand-up, no triage and no escalation ladder: stored as it is, this plan will never prompt anyone.`,
    `  Add a cadence when importing: planbot import … --cadence "standup 09:30 ${days}; triage 14:00 ${days}"`,
    `  or in the plan's YAML:`,
    `    rituals:`,
    `      - { kind: standup, localTime: "09:30", days: ${numbers} }`,
    `      - { kind: triage, localTime: "14:00", days: ${numbers} }`,
  ];
}

function parseDays(word: string, part: string): IsoWeekday[] {
  const lower = word.toLowerCase();
  if (lower === 'weekdays') return WEEKDAYS;
  if (lower === 'daily') return DAILY;
  const days = lower.split(',').map((d) => DAY_NAMES.indexOf(d) + 1);
  if (days.some((d) => d === 0))
    throw cadenceError(`--cadence "${part}": "${word}" is not weekdays, daily or a list of days like mon,wed,fri`);
  return [...new Set(days)].sort((a, b) => a - b) as IsoWeekday[];
}

function daysWord(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.join() === WEEKDAYS.join()) return 'weekdays';
  if (sorted.join() === DAILY.join()) return 'daily';
  return sorted.map((d) => DAY_NAMES[d - 1]).join(',');
}

function cadenceError(what: string): PlanError {
  return new PlanError('invalid_command', `${what}. The form is ${CADENCE_FORM}.`);
}
