import type { InputBlock, KnownBlock, ModalView, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  readStandupSubmission,
  standupModal,
  type StandupFormView,
} from '../../../../src/adapters/slack/standup-modal.js';
import type { ViewStateValues } from '../../../../src/adapters/slack/view-values.js';

const form: StandupFormView = {
  memberName: 'Luis Ortega',
  planName: 'AI Marketing Automation Sprint',
  tasks: [
    { key: 'd3', title: 'Configure Airbyte connectors', status: 'in_progress', overdue: false },
    { key: 'd2', title: 'Run Screaming Frog crawl', status: 'todo', overdue: true },
    { key: 'd9', title: 'Model tuning', status: 'blocked', overdue: false },
    { key: 'd0', title: 'Dropped idea', status: 'cancelled', overdue: false },
  ],
};

const inputs = (view: ModalView): InputBlock[] =>
  view.blocks.filter((block): block is InputBlock => (block as KnownBlock).type === 'input');
const select = (block: InputBlock | undefined): StaticSelect => block?.element as StaticSelect;

/**
 * What Slack sends back in `view.state.values` for this modal: every input block by block_id and
 * action_id; a select nobody touched keeps its initial option, an untouched empty one is null.
 */
function submit(
  view: ModalView,
  typed: Record<string, string>,
  picked: Record<string, string | null> = {},
): ViewStateValues {
  const values: ViewStateValues = {};
  for (const block of inputs(view)) {
    const id = block.block_id ?? '';
    const element = block.element;
    if (element.type === 'plain_text_input')
      values[id] = { [element.action_id ?? '']: { type: 'plain_text_input', value: typed[id] ?? null } };
    if (element.type === 'static_select') {
      const chosen = id in picked ? picked[id] : (element.initial_option?.value ?? null);
      values[id] = {
        [element.action_id ?? '']: {
          type: 'static_select',
          selected_option: chosen === null || chosen === undefined ? null : { value: chosen },
        },
      };
    }
  }
  return values;
}

describe('standupModal', () => {
  it('asks did / doing / blockers and offers a status select per open task, starting from its status', () => {
    const view = standupModal(form, '{"channel":"C1","ts":"1.2"}');
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'standup_update',
      private_metadata: '{"channel":"C1","ts":"1.2"}',
      submit: { text: 'Post update' },
    });
    const blocks = inputs(view);
    expect(blocks.map((block) => block.block_id)).toEqual([
      'did',
      'doing',
      'blockers',
      'task:d3',
      'task:d2',
      'task:d9',
    ]);
    expect(blocks.map((block) => block.optional ?? false)).toEqual([false, false, true, true, true, true]);
    expect(blocks[2]?.hint?.text).toMatch(/leave empty if nothing blocks you/i);
    expect(blocks[4]?.label.text).toBe('d2 · Run Screaming Frog crawl (overdue)');
    expect(select(blocks[3]).action_id).toBe('status');
    expect(select(blocks[3]).options?.map((option) => `${option.value}:${option.text.text}`)).toEqual([
      'done:Done',
      'in_progress:In progress',
      'blocked:Blocked',
    ]);
    expect(select(blocks[3]).initial_option?.value).toBe('in_progress');
    expect(select(blocks[4]).initial_option).toBeUndefined();
    expect(select(blocks[5]).initial_option?.value).toBe('blocked');
  });

  it('stays within the modal limits for a member with many long tasks and says how to reach the rest', () => {
    const tasks = Array.from({ length: 150 }, (_, i) => ({
      key: `t${i}`,
      title: `${'Long title '.repeat(300)}${i}`,
      status: 'todo' as const,
      overdue: i % 2 === 0,
    }));
    const view = standupModal({ memberName: '<!channel> Sam', planName: 'Plan '.repeat(1000), tasks }, '');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length ?? 0).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const block of inputs(view)) {
      expect(block.label.text.length).toBeLessThanOrEqual(2000);
      for (const option of select(block).options ?? []) expect(option.text.text.length).toBeLessThanOrEqual(75);
    }
    const last = view.blocks.at(-1) as KnownBlock;
    expect(last).toMatchObject({
      type: 'context',
      elements: [{ text: '…and 130 more: mark them with `/plan done <task>`' }],
    });
    const intro = view.blocks[0] as KnownBlock;
    expect(intro).toMatchObject({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: expect.stringMatching(/^Update for \*&lt;!channel&gt; Sam\* · Plan Plan .*…\(\d+ more characters\)$/),
        },
      ],
    });
    expect(JSON.stringify(intro).length).toBeLessThan(3100);
  });

  it('refuses metadata Slack would reject instead of cutting it', () => {
    expect(() => standupModal(form, 'x'.repeat(3001))).toThrow(/private_metadata/);
  });
});

describe('readStandupSubmission', () => {
  const view = standupModal(form, '');

  it('round-trips: the modal, filled in as Slack sends it, becomes the standup command with statuses', () => {
    const values = submit(
      view,
      { did: '  Wired GA4 \n', doing: 'Airbyte connectors', blockers: 'Waiting on keys' },
      { 'task:d3': 'done', 'task:d2': 'in_progress' },
    );
    expect(readStandupSubmission(values)).toEqual({
      ok: true,
      args: {
        did: 'Wired GA4',
        doing: 'Airbyte connectors',
        blockers: 'Waiting on keys',
        statuses: { d3: 'done', d2: 'in_progress', d9: 'blocked' },
      },
    });
  });

  it('reads an empty blockers box, or "none", as an explicit no-blocker', () => {
    for (const blockers of ['', '   ', 'none', 'None.', 'n/a', 'nothing']) {
      const read = readStandupSubmission(submit(view, { did: 'a', doing: 'b', blockers }));
      expect(read).toMatchObject({ ok: true, args: { blockers: null } });
    }
  });

  it('leaves out tasks with no status picked', () => {
    const read = readStandupSubmission(submit(view, { did: 'a', doing: 'b' }, { 'task:d3': null, 'task:d9': null }));
    expect(read).toEqual({ ok: true, args: { did: 'a', doing: 'b', blockers: null } });
  });

  it('answers blank or unusable fields per block, for response_action errors, instead of dropping them', () => {
    const read = readStandupSubmission({
      ...submit(view, { did: '   ', doing: 'x'.repeat(2001) }),
      'task:d3': { status: { type: 'static_select', selected_option: { value: 'finished' } } },
      'task:bad key!': { status: { type: 'static_select', selected_option: { value: 'done' } } },
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual(['did', 'task:d3']);
    expect(read.errors.did).toMatch(/what you got done/);

    const tooLong = readStandupSubmission({
      ...submit(view, { did: 'a', doing: 'x'.repeat(2001) }),
      'task:bad key!': { status: { type: 'static_select', selected_option: { value: 'done' } } },
    });
    expect(tooLong).toEqual({
      ok: false,
      errors: {
        doing: expect.stringMatching(/2000 characters/),
        'task:bad key!': expect.stringMatching(/\/plan done/),
      },
    });
  });
});
