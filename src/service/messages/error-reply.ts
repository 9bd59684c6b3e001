import { COMMAND_PREFIX } from '../commands/command.js';
import type { Message } from './message.js';
import type { PlanErrorCode } from '../../domain/plan-error.js';
import { composeMessage, joinWithin } from './limits.js';

export interface ErrorReplyInput {
  code: PlanErrorCode;
  /** PlanError's message, written for the person who caused it. */
  message: string;
  problems?: readonly string[];
  /** For invalid_command: the usage line from the parser. */
  usage?: string;
}

interface ErrorCopy {
  title: string;
  hint: string;
  /** Operator errors can carry paths or hosts: chat users get the title, the logs get the rest. */
  showMessage: boolean;
}

const help = `\`${COMMAND_PREFIX} help\``;
const internal: ErrorCopy = {
  title: 'planbot is not working right now.',
  hint: 'Nothing was changed. Please tell whoever runs planbot; the details are in its logs.',
  showMessage: false,
};

// A Record over every code: adding a PlanErrorCode does not compile until it has a reply.
const COPY: Record<PlanErrorCode, ErrorCopy> = {
  config_invalid: internal,
  database_url_invalid: internal,
  database_unreachable: internal,
  data_dir_locked: internal,
  migration_failed: internal,
  import_invalid: {
    title: 'The plan could not be imported.',
    hint: 'Nothing was changed. Fix the plan file and import it again.',
    showMessage: true,
  },
  plan_not_found: {
    title: 'There is no plan here yet.',
    hint: 'Ask a lead to import the plan for this channel.',
    showMessage: true,
  },
  task_not_found: {
    title: "I couldn't find that task.",
    hint: `Check its key with \`${COMMAND_PREFIX} today\` or \`${COMMAND_PREFIX} status\`.`,
    showMessage: true,
  },
  blocker_not_found: {
    title: "I couldn't find that blocker.",
    hint: 'Use the number shown in the triage thread, e.g. `ack 12`.',
    showMessage: true,
  },
  member_not_found: {
    title: "You're not linked to anyone on this plan.",
    hint: `Link yourself with \`${COMMAND_PREFIX} link "Your name as in the plan"\`.`,
    showMessage: true,
  },
  // The service's refusals say who may do it instead; that is the useful part, so it is shown.
  forbidden: { title: "You can't do that.", hint: 'Ask a lead or the sponsor if it needs doing.', showMessage: true },
  invalid_state: {
    title: "That can't be done now.",
    hint: `Nothing was changed. \`${COMMAND_PREFIX} status\` and \`${COMMAND_PREFIX} blockers\` show where things stand.`,
    showMessage: true,
  },
  invalid_command: { title: "I didn't understand that.", hint: `${help} lists every command.`, showMessage: true },
};

/** A coded error as a friendly reply: what went wrong, then what to do about it. */
export function errorReply(input: ErrorReplyInput): Message {
  const copy = COPY[input.code];
  const lines = [`*${copy.title}*`];
  if (copy.showMessage && input.message.trim() !== '') lines.push(input.message);
  const problems = copy.showMessage ? (input.problems ?? []) : [];
  if (problems.length > 0) lines.push(`Also: ${joinWithin(problems, 1500)}`);
  if (input.usage) lines.push(input.usage);
  lines.push(copy.hint);
  return composeMessage('error', `${copy.title} ${copy.hint}`, [{ type: 'section', text: lines.join('\n') }], {
    ephemeral: true,
  });
}
