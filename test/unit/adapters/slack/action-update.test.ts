import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { settleAction } from '../../../../src/adapters/slack/action-update.js';
import { toSlackMessage } from '../../../../src/adapters/slack/block-kit.js';
import type { MessageBlock } from '../../../../src/service/messages/message.js';

const entry = (n: number): MessageBlock[] => [
  { type: 'section', text: `*#${n}* Blocker ${n}` },
  {
    type: 'actions',
    actions: [
      { id: 'blocker_ack', label: 'Acknowledge', value: `blk-${n}`, style: 'primary' },
      { id: 'blocker_resolve', label: 'Resolve', value: `blk-${n}` },
    ],
  },
];
// A triage thread as Slack would hand it back in the action payload (`body.message.blocks`).
const posted = (): KnownBlock[] =>
  toSlackMessage({
    kind: 'triage',
    text: 'Triage',
    blocks: [{ type: 'header', text: 'Triage' }, ...entry(1), ...entry(2), ...entry(3)],
  }).blocks;

describe('settleAction', () => {
  it('turns only the clicked row into the outcome and leaves every other block as it was', () => {
    const before = posted();
    const clicked = before[4]?.block_id ?? '';
    const after = settleAction(before, clicked, '✅ Acknowledged by <@U1> at 14:05');
    expect(after).toHaveLength(before.length);
    expect(after[4]).toEqual({
      type: 'context',
      block_id: `${clicked}-settled`,
      elements: [{ type: 'mrkdwn', text: '✅ Acknowledged by <@U1> at 14:05' }],
    });
    after.forEach((block, index) => {
      if (index !== 4) expect(block).toEqual(before[index]);
    });
    // The other blockers keep working buttons.
    expect(after.filter((block) => block.type === 'actions')).toHaveLength(2);
    expect(before).toEqual(posted());
  });

  it('escapes the outcome but keeps the mention of who acted', () => {
    const after = settleAction(posted(), 'pb-2', 'Resolved: <!channel> fixed & done by <@U1>');
    expect(after[2]).toMatchObject({ elements: [{ text: 'Resolved: &lt;!channel&gt; fixed &amp; done by <@U1>' }] });
  });

  it('strips control characters from the outcome (a reply\u2019s text is not cleaned by any renderer)', () => {
    const after = settleAction(posted(), 'pb-2', 'Resolved by Sam\u0007 \u202Eexe.txt\u001b[31m');
    expect(after[2]).toMatchObject({ elements: [{ text: 'Resolved by Sam exe.txt[31m' }] });
  });

  it('does not touch a section that happens to share the id pattern, and adds the outcome when the row is gone', () => {
    const before = posted();
    const after = settleAction(before, 'pb-1', 'Acknowledged');
    // pb-1 is the first blocker's text, not a button row: nothing is replaced, the outcome is added once.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ type: 'context', block_id: 'pb-1-settled' });
    // Clicking a stale copy again updates that line instead of adding a duplicate block_id.
    const again = settleAction(after, 'pb-1', 'Acknowledged again');
    expect(again).toHaveLength(after.length);
    expect(again.at(-1)).toMatchObject({ elements: [{ text: 'Acknowledged again' }] });
  });

  it('never grows a full message past 50 blocks', () => {
    const full = Array.from({ length: 50 }, (_, i): KnownBlock => ({
      type: 'section',
      block_id: `pb-${i}`,
      text: { type: 'mrkdwn', text: `s${i}` },
    }));
    const after = settleAction(full, 'gone', 'Done');
    expect(after).toHaveLength(50);
    expect(after.at(-1)).toMatchObject({ type: 'context' });
  });
});
