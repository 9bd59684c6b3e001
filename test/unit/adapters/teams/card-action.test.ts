import { describe, expect, it } from 'vitest';
import { toAdaptiveCard } from '../../../../src/adapters/teams/adaptive-card.js';
import {
  cardActionFromInvoke,
  cardActionFromSubmit,
  readCardAction,
  standupArgsFromInputs,
} from '../../../../src/adapters/teams/card-action.js';
import type { AdaptiveCardJson, CardActionJson } from '../../../../src/adapters/teams/card-json.js';
import { MAX_TASK_CHOICES, standupCard, type StandupFormView } from '../../../../src/adapters/teams/standup-card.js';
import { isPlanError } from '../../../../src/domain/plan-error.js';
import { triage } from '../../../../src/service/messages/triage.js';
import { blocker, now, zone } from './card-messages.js';

const buttons = (card: AdaptiveCardJson): CardActionJson[] =>
  card.body.flatMap((element) => (element.type === 'ActionSet' ? element.actions : []));

/** What Teams sends for a click: Action.Execute → invoke with the data and the card's inputs merged in. */
function invokeFor(action: CardActionJson, inputs: Record<string, string> = {}) {
  if (action.type !== 'Action.Execute') throw new Error('expected Action.Execute');
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: {
      action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } },
      trigger: 'manual',
    },
  };
}
/** …and an older client: the fallback Action.Submit → a message whose value is the data plus inputs. */
function submitFor(action: CardActionJson, inputs: Record<string, string> = {}) {
  const submit = action.type === 'Action.Execute' ? action.fallback : action;
  return { type: 'message', value: { ...submit.data, ...inputs } };
}

function planErrorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isPlanError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a PlanError');
}

const form: StandupFormView = {
  memberName: 'Luis',
  planName: 'Sprint',
  tasks: [
    { key: 'd3', title: 'Configure Airbyte connectors', status: 'in_progress', overdue: false },
    { key: 'd2', title: 'Provision warehouse', status: 'todo', overdue: true },
    { key: 'd9', title: 'Dropped', status: 'cancelled', overdue: false },
  ],
};

describe('readCardAction', () => {
  const [ack] = buttons(toAdaptiveCard(triage({ planName: 'Sprint', now, zone, blockers: [blocker(12)] })));
  if (ack === undefined) throw new Error('triage card has no buttons');

  it('reads an Acknowledge click the same way from Action.Execute and from its Action.Submit fallback', () => {
    expect(readCardAction(invokeFor(ack))).toEqual({ actionId: 'blocker_ack', value: 'blk-12', inputs: {} });
    expect(readCardAction(submitFor(ack))).toEqual({ actionId: 'blocker_ack', value: 'blk-12', inputs: {} });
  });

  it('is null for a plain text message, so the caller parses it as a command', () => {
    expect(readCardAction({ type: 'message' })).toBeNull();
    expect(readCardAction({ type: 'conversationUpdate', value: { actionId: 'blocker_ack' } })).toBeNull();
  });

  it('refuses an unknown verb with a message saying what to do', () => {
    const error = planErrorOf(() =>
      cardActionFromInvoke({ action: { type: 'Action.Execute', verb: 'drop_tables', data: {} } }),
    );
    expect(error.code).toBe('invalid_command');
    expect(error.message).toContain('unknown card action "drop_tables"');
    expect(error.message).toContain('ask for a new one');
    expect(planErrorOf(() => cardActionFromSubmit({ actionId: 'nope', value: 'x' })).message).toContain(
      'unknown card action "nope"',
    );
  });

  it('refuses a verb that disagrees with the data it carries, and payloads that are not card actions', () => {
    expect(
      planErrorOf(() =>
        cardActionFromInvoke({
          action: { type: 'Action.Execute', verb: 'blocker_ack', data: { actionId: 'replan_approve', value: 'rp-1' } },
        }),
      ).message,
    ).toContain('inconsistent');
    expect(planErrorOf(() => cardActionFromInvoke({ action: { type: 'Action.Submit', data: {} } })).message).toContain(
      'expected an Action.Execute',
    );
    expect(planErrorOf(() => cardActionFromSubmit('blocker_ack')).message).toContain('could not be read');
    expect(planErrorOf(() => cardActionFromSubmit({ actionId: 'blocker_ack', value: 42 })).message).toContain(
      'no readable reference',
    );
  });
});

describe('stand-up form → StandupArgs', () => {
  const card = standupCard(form, 'occ-7');
  const submit = buttons(card)[0];
  if (submit === undefined) throw new Error('form has no submit button');

  it('offers did / doing / blockers and a Done / In progress / Blocked choice per open task, preset to its status', () => {
    const inputs = card.body.filter((element) => element.type === 'Input.Text' || element.type === 'Input.ChoiceSet');
    expect(inputs.map((input) => input.id)).toEqual(['did', 'doing', 'blockers', 'task:d3', 'task:d2']);
    expect(inputs[3]).toMatchObject({
      label: 'd3 · Configure Airbyte connectors',
      value: 'in_progress',
      choices: [
        { title: 'Done', value: 'done' },
        { title: 'In progress', value: 'in_progress' },
        { title: 'Blocked', value: 'blocked' },
      ],
    });
    expect(inputs[4]).toMatchObject({ label: 'd2 · Provision warehouse (overdue)' });
    expect(inputs[4]).not.toHaveProperty('value');
    expect(submit).toMatchObject({
      type: 'Action.Execute',
      verb: 'standup_submit',
      data: { actionId: 'standup_submit', value: 'occ-7' },
      fallback: { type: 'Action.Submit' },
    });
  });

  it('a filled-in form becomes the standup command, through both action kinds', () => {
    const inputs = {
      did: 'Wired GA4',
      doing: ' Backfill ',
      blockers: 'Waiting on keys',
      'task:d3': 'done',
      'task:d2': 'blocked',
    };
    for (const activity of [invokeFor(submit, inputs), submitFor(submit, inputs)]) {
      const action = readCardAction(activity);
      expect(action).toMatchObject({ actionId: 'standup_submit', value: 'occ-7' });
      expect(standupArgsFromInputs(action?.inputs ?? {})).toEqual({
        did: 'Wired GA4',
        doing: 'Backfill',
        blockers: 'Waiting on keys',
        statuses: { d3: 'done', d2: 'blocked' },
      });
    }
  });

  it('an empty blockers box or "none" means nothing blocks the member; an untouched choice is no change', () => {
    expect(standupArgsFromInputs({ did: 'x', blockers: '' })).toEqual({ did: 'x', blockers: null });
    expect(standupArgsFromInputs({ did: 'x', blockers: 'None.', 'task:d2': '' })).toEqual({ did: 'x', blockers: null });
    expect(standupArgsFromInputs({ 'task:d3': 'done' })).toEqual({ statuses: { d3: 'done' }, blockers: null });
  });

  it('refuses an empty form, an unknown status and over-long text, saying what to fix', () => {
    expect(planErrorOf(() => standupArgsFromInputs({ did: ' ', doing: '', blockers: '' })).message).toContain(
      'The stand-up form was empty',
    );
    expect(planErrorOf(() => standupArgsFromInputs({ 'task:d3': 'finished' })).message).toContain(
      'Task d3: "finished" is not a status; choose Done, In progress or Blocked.',
    );
    const long = planErrorOf(() => standupArgsFromInputs({ did: 'x'.repeat(2001) }));
    expect(long).toMatchObject({ code: 'invalid_command' });
    expect(long.message).toContain('in did');
    expect(planErrorOf(() => standupArgsFromInputs({ 'task:bad key!': 'done' })).message).toContain('statuses');
  });

  it(`shows at most ${MAX_TASK_CHOICES} task choices and says how to mark the rest`, () => {
    const many = standupCard({
      ...form,
      tasks: Array.from({ length: 25 }, (_, i) => ({
        key: `t${i}`,
        title: `T${i}`,
        status: 'todo' as const,
        overdue: false,
      })),
    });
    expect(many.body.filter((element) => element.type === 'Input.ChoiceSet')).toHaveLength(MAX_TASK_CHOICES);
    expect(JSON.stringify(many.body)).toContain('…and 5 more: mark them with **plan done <task>**');
  });
});
