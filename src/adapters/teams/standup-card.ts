import { clampText } from '../../domain/text-clamp.js';
import type { TaskStatus } from '../../domain/types.js';
import type { QuickStatus } from '../../service/commands/command.js';
import {
  emptyCard,
  executeAction,
  type AdaptiveCardJson,
  type CardElementJson,
  type InputChoiceSetJson,
} from './card-json.js';
import { clampFallback, fitsTeams, MAX_CARD_BYTES } from './card-fit.js';
import { teamsMarkdown } from './card-markdown.js';

/**
 * What the form needs. Structural copy of `StandupForm` (src/service/messages/standup-form.ts, written in
 * parallel); TypeScript checks the service's value against this shape where the two meet.
 */
export interface StandupFormView {
  memberName: string;
  planName: string;
  tasks: { key: string; title: string; status: TaskStatus; overdue: boolean }[];
}

export const STANDUP_SUBMIT_VERB = 'standup_submit';
export const STANDUP_INPUT = { did: 'did', doing: 'doing', blockers: 'blockers' } as const;
export const TASK_INPUT_PREFIX = 'task:';
/** Same bound as the command schema's user text, so the form cannot submit what the service refuses. */
export const STANDUP_TEXT_MAX = 2000;
/** A card with more selectors is long to scroll and heavy; the rest are named with the command to use. */
export const MAX_TASK_CHOICES = 20;
/** Choices tried, in order, when the form is over the Teams size limit: fewer selectors before anything else. */
const CHOICE_CAPS = [MAX_TASK_CHOICES, 10, 5, 1, 0] as const;
/** A selector's label names the task; a whole paragraph of title only eats the card's budget. */
export const MAX_CHOICE_LABEL = 200;
/** The plan's and member's names in the form's heading. */
export const MAX_FORM_NAME = 150;

const CHOICES: { title: string; value: QuickStatus }[] = [
  { title: 'Done', value: 'done' },
  { title: 'In progress', value: 'in_progress' },
  { title: 'Blocked', value: 'blocked' },
];

function currentChoice(status: TaskStatus): QuickStatus | undefined {
  return status === 'done' || status === 'in_progress' || status === 'blocked' ? status : undefined;
}

// An input label is plain text, not markdown: only line breaks need flattening.
const plain = (value: string): string => value.replace(/\s*\r?\n\s*/g, ' ');
const name = (value: string): string => clampText(plain(value), MAX_FORM_NAME);

function taskChoice(task: StandupFormView['tasks'][number]): InputChoiceSetJson {
  const value = currentChoice(task.status);
  return {
    type: 'Input.ChoiceSet',
    id: `${TASK_INPUT_PREFIX}${task.key}`,
    label: clampText(plain(`${task.key} · ${task.title}${task.overdue ? ' (overdue)' : ''}`), MAX_CHOICE_LABEL),
    placeholder: 'No change',
    choices: CHOICES,
    ...(value !== undefined ? { value } : {}),
  };
}

/**
 * The stand-up update form a member opens from the prompt's "Post update" button: did / doing /
 * blockers and a quick status per task they own today. Submitted as Action.Execute `standup_submit`
 * (Action.Submit fallback); `ref` comes back in the action's value so the answer lands on the right stand-up.
 * Like every other card it stays under the Teams size limit: labels and names are cut, and a form
 * still too big shows fewer task selectors (the rest are named with the command to use).
 */
export function standupCard(form: StandupFormView, ref = '', maxBytes: number = MAX_CARD_BYTES): AdaptiveCardJson {
  let card = formCard(form, ref, CHOICE_CAPS[0]);
  for (const cap of CHOICE_CAPS.slice(1)) {
    if (fitsTeams(card, maxBytes)) break;
    card = formCard(form, ref, cap);
  }
  return card;
}

function formCard(form: StandupFormView, ref: string, choices: number): AdaptiveCardJson {
  const card = emptyCard(clampFallback(plain(`Stand-up update for ${form.memberName} · ${form.planName}`)));
  const open = form.tasks.filter((task) => task.status !== 'cancelled');
  const shown = open.slice(0, choices);
  const body: CardElementJson[] = [
    {
      type: 'TextBlock',
      text: teamsMarkdown(`Stand-up · ${name(form.planName)}`),
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
    },
    {
      type: 'TextBlock',
      text: teamsMarkdown(`Update for ${name(form.memberName)}`),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
    },
    {
      type: 'Input.Text',
      id: STANDUP_INPUT.did,
      label: 'What did you get done?',
      isMultiline: true,
      maxLength: STANDUP_TEXT_MAX,
    },
    {
      type: 'Input.Text',
      id: STANDUP_INPUT.doing,
      label: 'What are you doing today?',
      isMultiline: true,
      maxLength: STANDUP_TEXT_MAX,
    },
    {
      type: 'Input.Text',
      id: STANDUP_INPUT.blockers,
      label: 'Anything blocking you?',
      placeholder: 'Leave empty or write "none" if nothing blocks you',
      isMultiline: true,
      maxLength: STANDUP_TEXT_MAX,
    },
  ];
  if (shown.length > 0) {
    body.push({ type: 'TextBlock', text: '**Your tasks**', wrap: true, separator: true }, ...shown.map(taskChoice));
  }
  if (open.length > shown.length) {
    body.push({
      type: 'TextBlock',
      text: `…and ${open.length - shown.length} more: mark them with **plan done <task>**`,
      wrap: true,
      size: 'Small',
      isSubtle: true,
    });
  }
  body.push({
    type: 'ActionSet',
    actions: [
      executeAction('Post update', STANDUP_SUBMIT_VERB, { actionId: STANDUP_SUBMIT_VERB, value: ref }, 'positive'),
    ],
  });
  card.body = body;
  return card;
}
