import { describe, expect, it } from 'vitest';
import { toSlackMessage } from '../../../../src/adapters/slack/block-kit.js';
import { importModal } from '../../../../src/adapters/slack/import-modal.js';
import { CALLBACK_IDS, isMessageActionId, MESSAGE_ACTION_IDS } from '../../../../src/adapters/slack/slack-ids.js';
import { standupModal } from '../../../../src/adapters/slack/standup-modal.js';
import { composedMessages } from './composed-messages.js';

describe('slack ids', () => {
  it('lists every action id a posted message can carry, so the Bolt app listens for all of them', () => {
    const emitted = new Set(
      composedMessages(3, (n) => `Item ${n}`).flatMap(([, message]) =>
        toSlackMessage(message).blocks.flatMap((block) =>
          block.type === 'actions'
            ? block.elements.map((element) => ('action_id' in element ? element.action_id : ''))
            : [],
        ),
      ),
    );
    expect(emitted.size).toBeGreaterThan(0);
    for (const id of emitted) expect(MESSAGE_ACTION_IDS).toContain(id);
    expect(isMessageActionId('blocker_ack')).toBe(true);
    expect(isMessageActionId('toString')).toBe(false);
  });

  it('names the callback id of each modal', () => {
    expect(standupModal({ memberName: 'Sam', planName: 'Sprint', tasks: [] }, '').callback_id).toBe(
      CALLBACK_IDS.standup,
    );
    expect(importModal('').callback_id).toBe(CALLBACK_IDS.planImport);
    expect(new Set(Object.values(CALLBACK_IDS)).size).toBe(Object.values(CALLBACK_IDS).length);
  });
});
