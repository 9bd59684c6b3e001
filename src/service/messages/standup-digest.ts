import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, formatTime, plural } from './format.js';
import { clampText, composeMessage, fitGroups, joinWithin, MAX_TEXT } from './limits.js';

/** One asked member's answer as the digest shows it. */
export interface DigestAnswer {
  name: string;
  did: string | null;
  doing: string | null;
  blockers: string | null;
  /** When the answer was last changed after it was first given; null when it reads as first given. */
  editedAt: Date | null;
}

export interface StandupDigestInput {
  planName: string;
  date: IsoDate;
  /** Times in the digest ("edited 09:42 PST") are in this zone: the stand-up's. */
  zone: string;
  answers: readonly DigestAnswer[];
  /** Names of those asked who have not answered. */
  missing: readonly string[];
  /** Names of those who are off today, and so were not asked. */
  away: readonly string[];
}

function answerText(answer: DigestAnswer, zone: string): string {
  const edited = answer.editedAt ? ` _(edited ${formatTime(answer.editedAt, zone)})_` : '';
  const lines = [`*${answer.name}*${edited}`];
  if (answer.did) lines.push(`Did: ${answer.did}`);
  if (answer.doing) lines.push(`Doing: ${answer.doing}`);
  lines.push(`Blockers: ${answer.blockers ?? 'none'}`);
  return clampText(lines.join('\n'));
}

/**
 * The stand-up's answers in one post, at the time the plan set: what each person asked did, is
 * doing and is blocked by (an edited answer as it reads now, marked with when it was edited), who
 * has not answered, and who is away. Answers that come later are still in the thread.
 */
export function standupDigest(input: StandupDigestInput): Message {
  const title = `Stand-up digest · ${input.planName}`;
  const asked = input.answers.length + input.missing.length;
  const head: MessageBlock[] = [
    { type: 'header', text: title },
    { type: 'context', text: `${formatDate(input.date)} · ${input.answers.length} of ${asked} answered` },
  ];
  const tail: MessageBlock[] = [];
  if (input.missing.length > 0)
    tail.push({ type: 'section', text: `*Not answered yet:* ${joinWithin(input.missing, MAX_TEXT - 40)}` });
  if (input.away.length > 0)
    tail.push({ type: 'context', text: `Away today: ${joinWithin(input.away, MAX_TEXT - 20)}` });
  tail.push({ type: 'context', text: 'Answers given after this digest still count; they are in the stand-up.' });
  const blocks =
    input.answers.length === 0
      ? [...head, { type: 'section' as const, text: 'Nobody has answered yet.' }, ...tail]
      : fitGroups({
          head,
          groups: input.answers.map((answer) => [{ type: 'section' as const, text: answerText(answer, input.zone) }]),
          tail,
          summarise: (hidden) => `…and ${plural(hidden, 'more answer')}: see the stand-up's thread.`,
        });
  const text = `${title} for ${formatDate(input.date)}: ${input.answers.length} of ${asked} answered${
    input.missing.length > 0 ? `; waiting on ${joinWithin(input.missing, 1000)}` : ''
  }.`;
  return composeMessage('standup_digest', text, blocks);
}
