import { describe, expect, it } from 'vitest';
import { readAnswerMessage } from '../../../../src/adapters/slack/answer-message.js';

const base = { type: 'message', channel: 'C0PLAN', channel_type: 'channel', event_ts: '1765296400.000500' };

describe('a Slack message event read as a stand-up answer', () => {
  it('takes an edit from its `message`, and ignores the edit Slack sends when it only unfurled a link', () => {
    const edited = {
      ...base,
      subtype: 'message_changed',
      hidden: true,
      ts: '1765296400.000500',
      message: { type: 'message', user: 'U0ALEX', text: 'blockers: legal', ts: '1765296310.000410', thread_ts: '1' },
      previous_message: { type: 'message', user: 'U0ALEX', text: 'blockers: procurement', ts: '1765296310.000410' },
    };
    expect(readAnswerMessage(edited)).toEqual({
      user: 'U0ALEX',
      channel: 'C0PLAN',
      text: 'blockers: legal',
      ts: '1765296310.000410',
      threadTs: '1',
      inDm: false,
      edited: true,
      subtype: 'message_changed',
    });
    const unfurled = { ...edited, previous_message: { ...edited.previous_message, text: 'blockers: legal' } };
    expect(readAnswerMessage(unfurled)).toBeNull();
  });

  it("reads nobody's words into joins, deletions or bot posts", () => {
    expect(readAnswerMessage({ ...base, subtype: 'channel_join', user: 'U0NEW', text: 'joined', ts: '2' })).toBeNull();
    expect(readAnswerMessage({ ...base, subtype: 'message_deleted', ts: '3', previous_message: {} })).toBeNull();
    expect(readAnswerMessage({ ...base, user: 'U0BOT', bot_id: 'B0', text: 'did: x', ts: '4' })).toBeNull();
    const botEdit = { ...base, subtype: 'message_changed', ts: '5', message: { bot_id: 'B0', text: 'x', ts: '4' } };
    expect(readAnswerMessage(botEdit)).toBeNull();
  });
});
