import type { InputBlock, KnownBlock, PlainTextInput } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { importModal, readImportSubmission } from '../../../../src/adapters/slack/import-modal.js';

describe('importModal', () => {
  const view = importModal('{"channel":"C1"}');
  const blocks = view.blocks as KnownBlock[];

  it('asks for the pasted plan (Slack caps it at 3,000 characters) and an optional start date', () => {
    expect(view).toMatchObject({ type: 'modal', callback_id: 'plan_import', private_metadata: '{"channel":"C1"}' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const [text, , date] = blocks as [InputBlock, KnownBlock, InputBlock];
    expect(text).toMatchObject({
      type: 'input',
      block_id: 'plan_text',
      element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
    });
    expect(text.optional).toBeUndefined();
    expect(date).toMatchObject({
      type: 'input',
      block_id: 'start_date',
      optional: true,
      element: { type: 'datepicker', action_id: 'date' },
    });
  });

  it('tells the lead how to import a plan longer than the box takes', () => {
    expect(JSON.stringify(blocks[1])).toMatch(
      /Longer than 3,000 characters\? Upload the plan as a file in the channel with the message `\/plan import`/,
    );
    expect((blocks[0] as InputBlock & { element: PlainTextInput }).element.max_length).toBe(3000);
  });
});

describe('readImportSubmission', () => {
  const values = (text: string | null, date: string | null = null) => ({
    plan_text: { text: { type: 'plain_text_input', value: text } },
    start_date: { date: { type: 'datepicker', selected_date: date } },
  });

  it('returns the pasted text and the picked date', () => {
    expect(readImportSubmission(values('  # Sprint plan\n', '2026-12-07'))).toEqual({
      ok: true,
      text: '# Sprint plan',
      startDate: '2026-12-07',
    });
    expect(readImportSubmission(values('# Sprint plan'))).toEqual({ ok: true, text: '# Sprint plan' });
  });

  it('answers a blank paste or an impossible date under the field', () => {
    expect(readImportSubmission(values('   '))).toEqual({
      ok: false,
      errors: { plan_text: expect.stringMatching(/Paste the plan document/) },
    });
    expect(readImportSubmission(values('# Plan', '2026-02-30'))).toEqual({
      ok: false,
      errors: { start_date: expect.stringMatching(/Pick the start date/) },
    });
    expect(readImportSubmission(values('x'.repeat(3001)))).toEqual({
      ok: false,
      errors: { plan_text: expect.stringMatching(/Upload the plan as a file/) },
    });
  });
});
