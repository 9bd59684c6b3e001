import { message, type Message } from '../message.js';
import type { PlanErrorCode } from '../plan-error.js';

const hints: Partial<Record<PlanErrorCode, string>> = {
  forbidden: 'Ask a lead of the plan if you need this done.',
  member_not_found: 'Members: `/plan status` shows who is on the plan.',
  invalid_command: '`/plan help` lists every command.',
};

/** A coded error as the reply the asker sees: what went wrong and what to do, never a stack trace. */
export function errorReply(code: PlanErrorCode, text: string): Message {
  const hint = hints[code];
  return message('error', hint && !text.includes('`/plan') ? `${text} ${hint}` : text, undefined, { ephemeral: true });
}
