import { graphemePrefix } from '../../domain/text-clamp.js';
import {
  COMMAND_NAMES,
  COMMAND_PREFIX,
  commandSchema,
  usageOf,
  type Command,
  type CommandName,
  type QuickStatus,
  type StandupArgs,
} from './command.js';

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

// How people address the bot before the command: "/plan", "plan", "@planbot", a Slack mention
// (`<@U0BOT>` or `<@U0BOT|planbot>`) or a Teams mention (`<at>planbot</at>`).
const INVOCATION = /^(?:\/plan\b|plan\b|@planbot\b|<@[A-Z0-9]+(?:\|[^>]*)?>|<at>[^<]*<\/at>)[\s:,]*/i;
const LABEL = /(^|[\s;,.])(did|doing|blockers?|yesterday|today)\s*:/gi;
const STARTS_WITH_LABEL = /^(did|doing|blockers?|yesterday|today)\s*:/i;
const NO_BLOCKER = /^(none|no|nope|nothing|nil|n\/?a|-+|0|no blockers?|none so far|all good)$/i;
const LABEL_FIELD: Record<string, keyof StandupArgs> = {
  did: 'did',
  yesterday: 'did',
  doing: 'doing',
  today: 'doing',
  blocker: 'blockers',
  blockers: 'blockers',
};
// "d3 done", "#d4: blocked", "d5 in progress", "t-12 wip". A key needs a "#" or a digit, so "tests
// done" or "all done" stay prose; the service checks the key against the plan.
const STATUS_WORDS = String.raw`done|finished|complete|completed|blocked|in[\s_-]?progress|wip|started|ongoing`;
const STATUS_SEPARATOR = String.raw`\s*(?:[:=\-–—]|is|→|->)?\s*`;
// "day 3 done" names the asker's task(s) of plan day 3, for plans whose keys nobody remembers.
const QUICK_STATUS = new RegExp(
  String.raw`(?:^|[\s;,(])(#[a-z0-9][a-z0-9._-]*|day\s+\d+|[a-z][a-z._-]*\d[a-z0-9._-]*|\d+[a-z][a-z0-9._-]*)` +
    STATUS_SEPARATOR +
    `(${STATUS_WORDS})\\b`,
  'gi',
);

/**
 * A status given to a task by a name the quick-status pattern cannot see: its title or a key
 * with no digit ("Kickoff & Intake done", "kickoff-intake wip"). The service builds it from the
 * asker's own tasks; match[1] is the name as written, match[2] the status word.
 */
export function namedStatusPattern(names: readonly string[]): RegExp | null {
  const alternatives = names
    .filter((name) => name.trim() !== '')
    .sort((a, b) => b.length - a.length)
    .map((name) =>
      name
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, String.raw`\s+`),
    );
  if (alternatives.length === 0) return null;
  return new RegExp(
    String.raw`(?:^|[^\p{L}\p{N}#])(${alternatives.join('|')})` + STATUS_SEPARATOR + `(${STATUS_WORDS})\\b`,
    'giu',
  );
}

const STATUS_WORD: Record<string, QuickStatus> = {
  done: 'done',
  finished: 'done',
  complete: 'done',
  completed: 'done',
  blocked: 'blocked',
  wip: 'in_progress',
  started: 'in_progress',
  ongoing: 'in_progress',
};

function startsWithQuickStatus(text: string): boolean {
  QUICK_STATUS.lastIndex = 0;
  const first = QUICK_STATUS.exec(text);
  QUICK_STATUS.lastIndex = 0;
  return first?.index === 0;
}

/** The status a status word gives ("wip" is in progress). */
export function statusOfWord(word: string): QuickStatus {
  return STATUS_WORD[word.toLowerCase()] ?? 'in_progress';
}

/** Quick statuses written anywhere in an answer; the last one for a task wins. */
export function parseQuickStatuses(text: string): Record<string, QuickStatus> {
  const statuses: Record<string, QuickStatus> = {};
  for (const match of text.matchAll(QUICK_STATUS)) {
    const key = stripHash(match[1] ?? '')
      .replace(/[.:]+$/, '')
      .replace(/\s+/g, '-');
    if (key === '') continue;
    statuses[key] = statusOfWord(match[2] ?? '');
  }
  return statuses;
}

const ALL_USAGE = `Usage: ${COMMAND_PREFIX} ${COMMAND_NAMES.join(' | ')} — try \`${COMMAND_PREFIX} help\`.`;

function fail(name: CommandName, problem: string): ParseResult {
  return { ok: false, error: `${problem} Usage: ${usageOf(name)}` };
}

function validated(name: CommandName, args: Record<string, unknown>): ParseResult {
  const parsed = commandSchema.safeParse({ name, args });
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.at(-1);
  const detail =
    issue === undefined ? 'is not valid' : `${typeof where === 'string' ? `${where}: ` : ''}${issue.message}`;
  return fail(name, `\`${name}\` did not understand that (${detail}).`);
}

function stripInvocation(text: string): string {
  let rest = text.trim();
  for (let match = INVOCATION.exec(rest); match !== null && match[0] !== ''; match = INVOCATION.exec(rest)) {
    rest = rest.slice(match[0].length).trim();
  }
  return rest;
}

function splitFirst(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return match === null ? ['', ''] : [match[1] ?? '', (match[2] ?? '').trim()];
}

const stripHash = (token: string): string => token.replace(/^#/, '');

/**
 * Reads a free-text stand-up answer: "did: … doing: … blockers: …" in any order, any case, over
 * several lines ("yesterday:" and "today:" work too), and quick statuses per task anywhere in it
 * ("d3 done", "#d4: blocked", "d5 in progress" / "wip"). Returns null when the text has neither,
 * so a caller can tell an answer from a plain remark. Repeated labels are joined.
 */
export function parseStandupText(text: string): StandupArgs | null {
  const labels = [...text.matchAll(LABEL)].map((match) => ({
    field: LABEL_FIELD[(match[2] ?? '').toLowerCase()],
    start: match.index + (match[1] ?? '').length,
    end: match.index + match[0].length,
  }));
  const statuses = parseQuickStatuses(text);
  const withStatuses = (args: StandupArgs): StandupArgs =>
    Object.keys(statuses).length > 0 ? { ...args, statuses } : args;
  if (labels.length === 0) return Object.keys(statuses).length > 0 ? withStatuses({}) : null;
  const parts: Partial<Record<keyof StandupArgs, string[]>> = {};
  labels.forEach((label, index) => {
    if (label.field === undefined) return;
    // "did: x; doing: y" separates answers with punctuation that belongs to neither.
    const value = text
      .slice(label.end, labels[index + 1]?.start ?? text.length)
      .trim()
      .replace(/\s*[;,]$/, '');
    (parts[label.field] ??= []).push(value);
  });
  const join = (values: string[] | undefined): string | undefined => {
    const text = (values ?? []).filter((value) => value !== '').join('\n');
    return text === '' ? undefined : text;
  };
  const args: StandupArgs = {};
  const did = join(parts.did);
  const doing = join(parts.doing);
  const blockers = join(parts.blockers);
  if (did !== undefined) args.did = did;
  if (doing !== undefined) args.doing = doing;
  if (parts.blockers !== undefined) args.blockers = blockerText(blockers);
  return withStatuses(args);
}

/**
 * What the blockers answer says blocks the member, without the task statuses written into it
 * ("none d2 done" is no blocker and d2 done): null when nothing is left but a "none".
 */
function blockerText(written: string | undefined): string | null {
  if (written === undefined) return null;
  const rest = written
    .replace(QUICK_STATUS, (match) => (/^[\s;,(]/.test(match) ? match[0]! : ''))
    .replace(/\s*[;,]\s*(?=[;,]|$)/g, '')
    .replace(/^[\s;,]+|[\s;,]+$/g, '')
    .replace(/[ \t]{2,}/g, ' ');
  return isNoBlocker(rest) ? null : rest;
}

/** "none", "n/a", "nothing", "" …: the answer says nothing blocks the member. */
export function isNoBlocker(text: string): boolean {
  const bare = text.replace(/[.!]+$/, '').trim();
  return bare === '' || NO_BLOCKER.test(bare);
}

/** `<@U1|sam>`, `<@U1>`, `@sam.jackson`, `<at>Sam</at>`: a reference to a chat user, resolved by the adapter. */
const USER_TOKEN = /^(<@[^>\s]+>|<at>[^<]*<\/at>|@[\w.-]+)\s*/i;
const unquote = (text: string): string =>
  text
    .trim()
    .replace(/^["“”']+|["“”']+$/g, '')
    .trim();

function parseLink(rest: string): ParseResult {
  const leading = USER_TOKEN.exec(rest);
  if (leading !== null) {
    return validated('link', { memberName: unquote(rest.slice(leading[0].length)), platformUser: leading[1] });
  }
  const trailing = /\s(<@[^>\s]+>|<at>[^<]*<\/at>|@[\w.-]+)$/i.exec(rest);
  if (trailing !== null) {
    return validated('link', { memberName: unquote(rest.slice(0, trailing.index)), platformUser: trailing[1] });
  }
  return validated('link', { memberName: unquote(rest) });
}

function parseNamed(name: CommandName, rest: string): ParseResult {
  const [first, remainder] = splitFirst(rest);
  switch (name) {
    case 'today':
    case 'status':
    case 'blockers':
    case 'schedule':
    case 'home':
      return rest === '' ? validated(name, {}) : fail(name, `\`${name}\` takes nothing after it.`);
    case 'help': {
      if (rest === '') return validated('help', {});
      const topic = first.toLowerCase();
      return isCommandName(topic) ? validated('help', { topic }) : fail('help', `There is no command "${first}".`);
    }
    case 'block':
      if (first === '' || remainder === '') return fail('block', 'Say which task is blocked and by what.');
      return validated('block', { taskKey: stripHash(first), text: remainder });
    case 'ack':
    case 'resolve':
      if (first === '') return fail(name, 'Say which blocker (its number).');
      return validated(name, { blockerRef: stripHash(first), ...(remainder === '' ? {} : { note: remainder }) });
    case 'escalate':
      if (first === '') return fail('escalate', 'Say which blocker (its number).');
      if (remainder !== '') return fail('escalate', 'Escalate one blocker at a time.');
      return validated('escalate', { blockerRef: stripHash(first) });
    case 'done':
      if (first === '') return fail('done', 'Say which task is done.');
      if (remainder !== '') return fail('done', 'Mark one task at a time.');
      return validated('done', { taskKey: stripHash(first) });
    case 'standup': {
      if (rest === '') return validated('standup', {});
      const args = parseStandupText(rest);
      return args === null
        ? fail(
            'standup',
            'Label your answer with did:, doing: and blockers: (or give a status per task, e.g. "d3 done, d4 blocked").',
          )
        : validated('standup', args);
    }
    case 'replan': {
      const decision = first.toLowerCase();
      if (decision !== 'approve' && decision !== 'reject') return fail('replan', 'Say approve or reject.');
      const [proposal, extra] = splitFirst(remainder);
      if (proposal === '' || extra !== '') return fail('replan', 'Give the proposal number, e.g. `replan approve 3`.');
      return validated('replan', { decision, proposalRef: stripHash(proposal) });
    }
    case 'link':
      return rest === '' ? fail('link', 'Give the name as written in the plan.') : parseLink(rest);
    case 'report':
      return parseReport(rest);
    case 'away':
    case 'back':
    case 'holiday':
      return parseTimeOff(name, rest);
  }
}

/** `report`, `report 2`, `report week 2`, `report last [week]`, `report this week`, `report 2026-12-09`. */
function parseReport(rest: string): ParseResult {
  const words = rest.toLowerCase().replace(/^#/, '').trim();
  if (words === '' || /^(this|current)( week)?$/.test(words)) return validated('report', {});
  if (/^(last|previous)( week)?$/.test(words)) return validated('report', { week: 'last' });
  const number = /^(?:week\s*|w)?(\d{1,4})$/.exec(words)?.[1];
  if (number !== undefined) {
    if (Number(number) < 1) return fail('report', 'Plan weeks count from 1.');
    return validated('report', { week: Number(number) });
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(words)) return validated('report', { date: words });
  return fail(
    'report',
    `Say which week: a plan week number (\`report 2\`), \`last\`, or a date inside it (\`report 2026-12-09\`).`,
  );
}

/**
 * `away [@user | "Name"] [dates]`, `back [@user | "Name"]`, `holiday [remove] [date [name]]`.
 * Dates stay text here: reading "tomorrow" needs the plan's zone and the clock, which the service has.
 */
function parseTimeOff(name: 'away' | 'back' | 'holiday', rest: string): ParseResult {
  if (name === 'holiday') {
    if (rest === '') return validated('holiday', { action: 'list' });
    const [first, remainder] = splitFirst(rest);
    if (first.toLowerCase() === 'remove' || first.toLowerCase() === 'rm' || first.toLowerCase() === 'delete') {
      return remainder === ''
        ? fail('holiday', 'Say which holiday to remove, e.g. `holiday remove dec 24`.')
        : validated('holiday', { action: 'remove', text: remainder });
    }
    return validated('holiday', { action: 'add', text: rest });
  }
  const who: { platformUser?: string; memberName?: string } = {};
  let dates = rest;
  const user = USER_TOKEN.exec(rest);
  const quoted = /^["“]([^"”]+)["”]\s*/.exec(rest);
  if (user !== null) {
    who.platformUser = user[1]!;
    dates = rest.slice(user[0].length).trim();
  } else if (quoted !== null) {
    who.memberName = quoted[1]!.trim();
    dates = rest.slice(quoted[0].length).trim();
  }
  if (name === 'back')
    return dates === '' ? validated('back', who) : fail('back', '`back` takes no dates: it ends your time off today.');
  const cancel = /^(?:cancel|remove|delete)\b\s*/i.exec(dates);
  if (cancel !== null) {
    const day = dates.slice(cancel[0].length).trim();
    return day === ''
      ? fail('away', 'Say which time off to cancel by a day in it, e.g. `away cancel dec 10`.')
      : validated('away', { ...who, cancel: true, dates: day });
  }
  return validated('away', { ...who, ...(dates === '' ? {} : { dates }) });
}

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/**
 * Text → Command, for slash commands, mentions and thread replies alike. Never throws: anything it
 * cannot read comes back as an error that says what was wrong and how to write it.
 */
export function parseCommandText(text: string): ParseResult {
  try {
    if (typeof text !== 'string') return { ok: false, error: `I could not read that. ${ALL_USAGE}` };
    const rest = stripInvocation(text.replace(/\r\n?/g, '\n'));
    if (rest === '') return validated('help', {});
    const [word, remainder] = splitFirst(rest);
    // "blockers: none" or "today: …" opens a stand-up answer; "blockers" alone is the command.
    if (STARTS_WITH_LABEL.test(rest)) {
      const answer = parseStandupText(rest);
      if (answer !== null) return validated('standup', answer);
    }
    const name = word.toLowerCase();
    if (isCommandName(name)) return parseNamed(name, remainder);
    // "d3 done, d4 blocked" (a thread reply, a DM) answers the stand-up too.
    if (startsWithQuickStatus(rest)) {
      const answer = parseStandupText(rest);
      if (answer !== null) return validated('standup', answer);
    }
    return { ok: false, error: `I don't know "${graphemePrefix(word, 40)}". ${ALL_USAGE}` };
  } catch {
    // Defensive: a parser bug must answer with usage, not surface as a stack trace in chat.
    return { ok: false, error: `I could not read that. ${ALL_USAGE}` };
  }
}
