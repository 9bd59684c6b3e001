import { clampText } from '../../domain/text-clamp.js';
import type { BlockerForm } from '../../service/messages/blocker-form.js';
import { clampFallback } from './card-fit.js';
import { emptyCard, executeAction, type AdaptiveCardJson, type CardElementJson } from './card-json.js';
import { teamsMarkdown } from './card-markdown.js';

export const BLOCKER_SUBMIT_VERB = 'blocker_submit';
export const BLOCKER_INPUT = { task: 'blockedTask', text: 'blockerText' } as const;
/** Same bound as the command schema's user text, so the card cannot submit what `block` refuses. */
const BLOCKER_TEXT_MAX = 2000;
/** A choice names the task; a paragraph of title only eats the card's budget. */
const MAX_CHOICE_TITLE = 200;
/** Teams draws a long dropdown fine, but the card has a size limit; later tasks are named with the command. */
const MAX_TASK_CHOICES = 50;

/**
 * The "Report a blocker" form the home's button opens in Teams: which of the member's open tasks
 * is blocked and by what. Submitted as `blocker_submit`, it runs the `block` command; the plan's id
 * rides in the button's value so a member of several plans reports on the one they picked.
 */
export function blockerCard(form: BlockerForm): AdaptiveCardJson {
  const card = emptyCard(clampFallback(`Report a blocker · ${form.planName}`));
  const shown = form.tasks.slice(0, MAX_TASK_CHOICES);
  const body: CardElementJson[] = [
    {
      type: 'TextBlock',
      text: teamsMarkdown(`Report a blocker · ${clampText(form.planName, 150)}`),
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
    },
  ];
  if (shown.length === 0) {
    body.push({ type: 'TextBlock', text: 'You have no open task on this plan to report a blocker on.', wrap: true });
    card.body = body;
    return card;
  }
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: BLOCKER_INPUT.task,
      label: 'Which task is blocked?',
      style: 'compact',
      choices: shown.map((t) => ({ title: clampText(t.label, MAX_CHOICE_TITLE), value: t.key })),
      value: shown[0]!.key,
    },
    {
      type: 'Input.Text',
      id: BLOCKER_INPUT.text,
      label: 'What is blocking it?',
      isMultiline: true,
      maxLength: BLOCKER_TEXT_MAX,
    },
  );
  if (form.tasks.length > shown.length)
    body.push({
      type: 'TextBlock',
      text: `…and ${form.tasks.length - shown.length} more tasks: type **plan block <task> <what blocks it>** for those`,
      wrap: true,
      size: 'Small',
      isSubtle: true,
    });
  body.push({
    type: 'ActionSet',
    actions: [
      executeAction(
        'Report blocker',
        BLOCKER_SUBMIT_VERB,
        { actionId: BLOCKER_SUBMIT_VERB, value: form.planId },
        'positive',
      ),
    ],
  });
  card.body = body;
  return card;
}
