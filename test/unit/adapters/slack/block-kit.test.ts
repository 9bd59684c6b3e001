import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSlackMessage } from '../../../../src/adapters/slack/block-kit.js';
import type { Message, MessageBlock } from '../../../../src/service/messages/message.js';
import { composedMessages } from './composed-messages.js';
import { expectInert, expectSlackLimits, mrkdwnTexts } from './slack-expect.js';

const msg = (blocks: MessageBlock[], kind: Message['kind'] = 'reply', text = 'fallback'): Message => ({
  kind,
  text,
  blocks,
});
const sectionText = (block: KnownBlock | undefined): string => (block as SectionBlock).text?.text ?? '';
const contextText = (block: KnownBlock | undefined): string => mrkdwnTexts([block as ContextBlock]).join('');

describe('toSlackMessage: every composed message', () => {
  const hostile = (n: number) =>
    `Task ${n} <!channel> & <https://evil.example|click> <script>alert(${n})</script> &lt; *done*`;

  for (const [name, message] of composedMessages(3, (n) => `Item ${n} with a readable title`)) {
    it(`renders the ${name} within Slack's limits`, () => {
      const slack = toSlackMessage(message);
      expectSlackLimits(slack);
      expect(slack.blocks.length).toBeGreaterThan(0);
    });
  }

  for (const [name, message] of composedMessages(
    400,
    (n) => `${hostile(n)} ${'long words '.repeat(n % 7 === 0 ? 400 : 3)}`,
  )) {
    it(`keeps a huge, hostile ${name} within the limits and inert`, () => {
      const slack = toSlackMessage(message);
      expectSlackLimits(slack);
      // Headers and button labels are plain_text, which Slack never parses; mrkdwn must be escaped.
      const text = mrkdwnTexts(slack.blocks).join('\n');
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil');
    });
  }

  it('keeps every button of a triage thread with the blocker it belongs to', () => {
    const [, triage] = composedMessages(5, (n) => `Problem ${n}`).find(([name]) => name === 'triage') ?? [];
    const slack = toSlackMessage(triage as Message);
    const buttons = slack.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons.map((button) => (button.type === 'button' ? `${button.action_id}=${button.value}` : ''))).toContain(
      'blocker_ack=blk-1',
    );
    expect(buttons.map((button) => (button.type === 'button' ? `${button.action_id}=${button.value}` : ''))).toContain(
      'blocker_escalate=blk-5',
    );
  });
});

describe('toSlackMessage: escaping', () => {
  it('makes scripts, channel pings and disguised links inert and keeps planbot mentions', () => {
    const slack = toSlackMessage(
      msg(
        [
          {
            type: 'section',
            text: '<script>alert(1)</script> <!channel> <!here> <https://evil|click> &lt; for <@U123> and <@W42ABC>',
          },
        ],
        'reply',
        'Ping <!channel>',
      ),
    );
    expect(sectionText(slack.blocks[0])).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &lt;!here&gt; &lt;https://evil|click&gt; &amp;lt; for <@U123> and <@W42ABC>',
    );
    expect(slack.text).toBe('Ping &lt;!channel&gt;');
  });

  it('keeps a bare @channel, @here or @everyone from being parsed into a ping, without changing how it reads', () => {
    const shown = sectionText(
      toSlackMessage(msg([{ type: 'section', text: 'Hey @channel and @Here, mail me@everyone.com' }])).blocks[0],
    );
    expect(shown).not.toMatch(/@(channel|here|everyone)/i);
    expect(shown.replace(/\u2060/g, '')).toBe('Hey @channel and @Here, mail me@everyone.com');
  });

  it('does not take a lookalike for a mention', () => {
    const slack = toSlackMessage(msg([{ type: 'section', text: '<@U1|admin> <@here> <@u123> <!subteam^S1>' }]));
    expect(sectionText(slack.blocks[0]).replace(/\u2060/g, '')).toBe(
      '&lt;@U1|admin&gt; &lt;@here&gt; &lt;@u123&gt; &lt;!subteam^S1&gt;',
    );
  });

  it('escapes list items, field labels and values, and context lines too', () => {
    const slack = toSlackMessage(
      msg([
        { type: 'list', items: ['<!everyone> now', 'a & b'] },
        { type: 'fields', fields: [{ label: 'Owner <!here>', value: '<@U9> & <#C1>' }] },
        { type: 'context', text: '<mailto:x@y|mail>' },
      ]),
    );
    expect(sectionText(slack.blocks[0])).toBe('• &lt;!everyone&gt; now\n• a &amp; b');
    expect((slack.blocks[1] as SectionBlock).fields?.[0]?.text).toBe('*Owner &lt;!here&gt;*\n<@U9> &amp; &lt;#C1&gt;');
    expect(contextText(slack.blocks[2])).toBe('&lt;mailto:x@y|mail&gt;');
  });

  it('keeps the emphasis planbot writes and shows a header without its asterisks', () => {
    const slack = toSlackMessage(
      msg([
        { type: 'header', text: 'Plan *Sprint* my_plan_name' },
        { type: 'section', text: '*d3* Configure _now_' },
      ]),
    );
    expect(slack.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: 'Plan Sprint my_plan_name' },
    });
    expect(sectionText(slack.blocks[1])).toBe('*d3* Configure _now_');
  });
});

describe('toSlackMessage: lengths', () => {
  it('cuts a 10,000-character text below 3,000 with a marker saying how much is left out', () => {
    const text = 'word '.repeat(2000);
    const slack = toSlackMessage(msg([{ type: 'section', text }]));
    const shown = sectionText(slack.blocks[0]);
    expect(shown.length).toBeLessThanOrEqual(3000);
    const marker = /…\((\d+) more characters\)$/.exec(shown);
    expect(marker).not.toBeNull();
    const kept = shown.slice(0, marker?.index);
    // Cut at a word, and the count adds up to the original.
    expect(kept.endsWith('word')).toBe(true);
    expect(kept.length + Number(marker?.[1])).toBe(text.trimEnd().length + 1);
  });

  it('never cuts an escape sequence or a mention in half, and counts an escape as one character', () => {
    for (const unit of ['&', '<@UABCDEFGH> ', '😀']) {
      const slack = toSlackMessage(msg([{ type: 'section', text: unit.repeat(4000) }]));
      const shown = sectionText(slack.blocks[0]);
      expect(shown.length).toBeLessThanOrEqual(3000);
      const kept = shown.replace(/…\(\d+ more characters\)$/, '');
      if (unit === '&') expect(kept).toMatch(/^(&amp;)+$/);
      if (unit.startsWith('<@')) expect(kept).toMatch(/^(<@UABCDEFGH> )*<@UABCDEFGH>$/);
      if (unit === '😀') expect(Array.from(kept).every((char) => char === '😀')).toBe(true);
      if (unit === '&') expect(shown).toMatch(new RegExp(`…\\(${4000 - kept.length / 5} more characters\\)$`));
    }
  });

  it('closes a code block it cuts, so the marker is not shown as code', () => {
    const slack = toSlackMessage(msg([{ type: 'section', text: '```\n' + 'line of preview\n'.repeat(400) + '```' }]));
    expect(sectionText(slack.blocks[0])).toMatch(/\n```\n…\(\d+ more characters\)$/);
  });

  it('cuts headers and button labels to their own limits', () => {
    const slack = toSlackMessage(
      msg([
        { type: 'header', text: 'Title '.repeat(60) },
        { type: 'actions', actions: [{ id: 'blocker_ack', label: 'Acknowledge '.repeat(10), value: 'b1' }] },
      ]),
    );
    expectSlackLimits(slack);
    expect(slack.blocks[0]).toMatchObject({ text: { text: expect.stringMatching(/^Title Title .*…$/) } });
  });

  it('keeps the fallback text short, escaped and never empty', () => {
    expect(
      toSlackMessage(msg([{ type: 'section', text: 'x' }], 'reply', 'y'.repeat(5000))).text.length,
    ).toBeLessThanOrEqual(300);
    expect(toSlackMessage(msg([{ type: 'section', text: 'Body & more' }], 'reply', ' ')).text).toBe('Body &amp; more');
  });
});

describe('toSlackMessage: lists, fields, buttons', () => {
  it('renders a list as bullet lines, splitting a long one across sections', () => {
    const items = Array.from({ length: 120 }, (_, i) => `*d${i}* A task with a title of some length · <@U${i}>`);
    const slack = toSlackMessage(msg([{ type: 'list', items }]));
    expectSlackLimits(slack);
    expect(slack.blocks.length).toBeGreaterThan(1);
    const lines = slack.blocks.flatMap((block) => sectionText(block).split('\n'));
    expect(lines).toEqual(items.map((item) => `• ${item}`));
  });

  it('puts ten fields per section, label in bold above the value', () => {
    const slack = toSlackMessage(
      msg([{ type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` })) }]),
    );
    expect(slack.blocks.map((block) => (block as SectionBlock).fields?.length)).toEqual([10, 10, 3]);
    expect((slack.blocks[2] as SectionBlock).fields?.[2]?.text).toBe('*L22*\nv22');
  });

  it('gives each button the neutral action id, its value and its style', () => {
    const slack = toSlackMessage(
      msg([
        {
          type: 'actions',
          actions: [
            { id: 'replan_approve', label: 'Approve', value: 'rp-1', style: 'primary' },
            { id: 'replan_reject', label: 'Reject', value: 'rp-1', style: 'danger' },
            { id: 'blocker_escalate', label: 'Escalate', value: 'blk-9' },
          ],
        },
      ]),
    );
    expect((slack.blocks[0] as ActionsBlock).elements).toEqual([
      {
        type: 'button',
        action_id: 'replan_approve',
        text: { type: 'plain_text', text: 'Approve', emoji: true },
        value: 'rp-1',
        style: 'primary',
      },
      {
        type: 'button',
        action_id: 'replan_reject',
        text: { type: 'plain_text', text: 'Reject', emoji: true },
        value: 'rp-1',
        style: 'danger',
      },
      {
        type: 'button',
        action_id: 'blocker_escalate',
        text: { type: 'plain_text', text: 'Escalate', emoji: true },
        value: 'blk-9',
      },
    ]);
  });

  it('starts a new row rather than repeat an action id in one block, and rows hold at most 25 buttons', () => {
    const actions = Array.from({ length: 30 }, (_, i) => ({
      id: i % 2 === 0 ? ('blocker_ack' as const) : ('blocker_resolve' as const),
      label: `B${i}`,
      value: `v${i}`,
    }));
    const slack = toSlackMessage(msg([{ type: 'actions', actions }]));
    expectSlackLimits(slack);
    const values = slack.blocks.flatMap((block) =>
      (block as ActionsBlock).elements.map((element) => (element.type === 'button' ? element.value : '')),
    );
    expect(values).toEqual(actions.map((action) => action.value));
  });

  it('refuses a button value Slack would reject instead of cutting it (it names the subject)', () => {
    expect(() =>
      toSlackMessage(
        msg([{ type: 'actions', actions: [{ id: 'blocker_ack', label: 'Ack', value: 'x'.repeat(2001) }] }]),
      ),
    ).toThrow(/value is 2001 characters/);
  });

  it('gives every block an id stable for its position, the same on every render', () => {
    const message = msg([
      { type: 'header', text: 'H' },
      { type: 'section', text: 'S' },
      { type: 'divider' },
      { type: 'actions', actions: [{ id: 'blocker_ack', label: 'Ack', value: 'b' }] },
    ]);
    const ids = toSlackMessage(message).blocks.map((block) => block.block_id);
    expect(ids).toEqual(['pb-0', 'pb-1', 'pb-2', 'pb-3']);
    expect(toSlackMessage(message).blocks.map((block) => block.block_id)).toEqual(ids);
  });

  it('shows the text of a message that has no blocks in full, as a section', () => {
    const text = `Imported *Sprint*: ${'task '.repeat(200)}`;
    const slack = toSlackMessage(msg([], 'reply', text));
    expect(sectionText(slack.blocks[0])).toBe(text);
    expect(slack.text.length).toBeLessThanOrEqual(300);
  });

  it('drops empty blocks Slack would refuse', () => {
    const slack = toSlackMessage(
      msg([
        { type: 'section', text: '  ' },
        { type: 'list', items: [] },
        { type: 'fields', fields: [] },
        { type: 'actions', actions: [] },
        { type: 'section', text: 'kept' },
      ]),
    );
    expect(slack.blocks.map((block) => block.type)).toEqual(['section']);
  });
});

describe('toSlackMessage: the 50-block limit', () => {
  const blockerEntries = (count: number): MessageBlock[] =>
    Array.from({ length: count }, (_, i): MessageBlock[] => [
      { type: 'section', text: `*#${i + 1}* Blocker ${i + 1}` },
      { type: 'actions', actions: [{ id: 'blocker_ack', label: 'Acknowledge', value: `blk-${i + 1}` }] },
    ]).flat();

  it('summarises a 200-blocker list in at most 50 blocks and says how many were left out', () => {
    const slack = toSlackMessage(msg([{ type: 'header', text: 'Open blockers' }, ...blockerEntries(200)]));
    expectSlackLimits(slack);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    const summary = slack.blocks.at(-1);
    // Header + 23 whole entries (section + buttons) = 47 blocks; the 24th entry would split from its buttons.
    expect(contextText(summary)).toBe('…and 177 more items — run `/plan blockers` for the full list');
    const sections = slack.blocks.filter((block) => block.type === 'section');
    const rows = slack.blocks.filter((block) => block.type === 'actions');
    expect(sections).toHaveLength(rows.length);
  });

  it('counts list items, not blocks, and points a status message at /plan status', () => {
    const items = Array.from({ length: 200 }, (_, i) => `${i} ${'x'.repeat(20)}`);
    const slack = toSlackMessage(
      msg(
        items.map((item): MessageBlock => ({ type: 'list', items: [item, item] })),
        'weekly_memo',
      ),
    );
    expectSlackLimits(slack);
    expect(slack.blocks).toHaveLength(49);
    expect(contextText(slack.blocks.at(-1))).toBe('…and 304 more items — run `/plan status` for the full list');
  });

  it("stays under Slack's unpublished total size (msg_blocks_too_long) long before 50 blocks", () => {
    const items = Array.from({ length: 200 }, (_, i) => `${i} ${'x'.repeat(2900)}`);
    const slack = toSlackMessage(
      msg(
        [
          { type: 'header', text: 'Memo' },
          { type: 'list', items },
        ],
        'weekly_memo',
      ),
    );
    expectSlackLimits(slack);
    // Header + 3 sections of one item each: 9,000 characters of text, then the summary.
    expect(slack.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    expect(contextText(slack.blocks.at(-1))).toBe('…and 197 more items — run `/plan status` for the full list');
  });

  it("keeps the message's closing buttons after the summary", () => {
    const slack = toSlackMessage(
      msg(
        [
          ...Array.from({ length: 80 }, (_, i): MessageBlock => ({ type: 'section', text: `Move ${i}` })),
          { type: 'actions', actions: [{ id: 'replan_approve', label: 'Approve', value: 'rp-1' }] },
        ],
        'replan_proposal',
      ),
    );
    expectSlackLimits(slack);
    expect(slack.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'replan_approve', value: 'rp-1' }],
    });
    expect(contextText(slack.blocks.at(-2))).toMatch(/^…and 33 more items/);
  });
});

describe('toSlackMessage: any input', () => {
  const text = fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      '\n',
      '<',
      '>',
      '&',
      '!',
      '@',
      'U',
      '1',
      '|',
      '*',
      '😀',
      '`',
      'amp;',
      'lt;',
      '<@U1>',
      '<!channel>',
      '@here',
    ),
    maxLength: 4000,
  });
  const block: fc.Arbitrary<MessageBlock> = fc.oneof(
    text.map((t) => ({ type: 'header' as const, text: t })),
    text.map((t) => ({ type: 'section' as const, text: t })),
    text.map((t) => ({ type: 'context' as const, text: t })),
    fc.array(text, { maxLength: 30 }).map((items) => ({ type: 'list' as const, items })),
    fc
      .array(fc.record({ label: text, value: text }), { maxLength: 25 })
      .map((fields) => ({ type: 'fields' as const, fields })),
    fc.constant({ type: 'divider' as const }),
    fc
      .array(
        fc.record({
          id: fc.constantFrom('blocker_ack' as const, 'blocker_resolve' as const),
          label: text,
          value: fc.string({ maxLength: 64 }),
        }),
        { maxLength: 40 },
      )
      .map((actions) => ({ type: 'actions' as const, actions })),
  );

  it('never passes a limit and never lets a control sequence through', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 70 }), text, (blocks, fallback) => {
        const slack = toSlackMessage(msg(blocks, 'reply', fallback));
        expectSlackLimits(slack);
        for (const part of [slack.text, ...mrkdwnTexts(slack.blocks)]) {
          expectInert(part);
          expect(part).not.toContain('<!');
          expect(part).not.toMatch(/@here\b/);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('toSlackMessage: an emoji at the cut', () => {
  const FAMILY = '👨‍👩‍👧‍👦'; // one character on screen: four emoji joined by ZWJ, 11 UTF-16 units
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  /** The text before planbot's marker is plain letters, then only whole families. */
  const wholeFamilies = (kept: string): boolean => /^a*$/.test(kept.replace(/^a+/, '').split(FAMILY).join(''));

  // Each offset moves the cut to another place inside the 11-unit sequence.
  it.each(Array.from({ length: 11 }, (_, offset) => offset))(
    'keeps a ZWJ emoji whole in a section and in the notification text (offset %i)',
    (offset) => {
      const long = `${'a'.repeat(2960 + offset)}${FAMILY.repeat(40)}`;
      const fallback = `${'a'.repeat(260 + offset)}${FAMILY.repeat(20)}`;
      const slack = toSlackMessage(msg([{ type: 'section', text: long }], 'reply', fallback));
      const section = sectionText(slack.blocks[0]);
      expect(section.length).toBeLessThanOrEqual(3000);
      expect(section).toMatch(/…\(\d+ more characters\)$/);
      expect(section).not.toMatch(LONE_SURROGATE);
      expect(wholeFamilies(section.replace(/…\(\d+ more characters\)$/, ''))).toBe(true);
      expect(slack.text.length).toBeLessThanOrEqual(300);
      expect(slack.text).not.toMatch(LONE_SURROGATE);
      expect(wholeFamilies(slack.text.replace(/…\(\d+ more characters\)$/, ''))).toBe(true);
    },
  );

  it('keeps a flag whole in a header and a button label', () => {
    const FLAG = '🇳🇴';
    for (let offset = 0; offset < 4; offset += 1) {
      const slack = toSlackMessage(
        msg([
          { type: 'header', text: `${'h'.repeat(140 + offset)}${FLAG.repeat(10)}` },
          {
            type: 'actions',
            actions: [{ id: 'blocker_ack', label: `${'b'.repeat(66 + offset)}${FLAG.repeat(6)}`, value: 'v' }],
          },
        ]),
      );
      const header = (slack.blocks[0] as { text: { text: string } }).text.text;
      const label = (slack.blocks[1] as ActionsBlock).elements.map((e) => ('text' in e ? e.text?.text : ''))[0] ?? '';
      for (const cut of [header, label]) {
        expect(cut.endsWith('…')).toBe(true);
        expect(
          cut
            .replace(/^[hb]+/, '')
            .slice(0, -1)
            .split(FLAG)
            .join(''),
        ).toBe('');
      }
    }
  });
});

describe('toSlackMessage: mentions', () => {
  it('names a member linked on Slack as <@U…> (Slack notifies them), and anyone else as plain @Name', () => {
    // A Teams plan's stand-up reaching Slack (one ladder across both): the neutral text says `@Name`.
    const slack = toSlackMessage({
      kind: 'standup_prompt',
      text: 'Stand-up: @Sam Lee and @Sam',
      blocks: [{ type: 'section', text: '@Sam Lee, @Sam and @Priya Mehta' }],
      mentions: [
        { text: '@Sam', name: 'Sam', slack: 'U0SAM' },
        { text: '@Sam Lee', name: 'Sam Lee', teams: 'aad-samlee' },
        { text: '@Priya Mehta', name: 'Priya Mehta', slack: 'U0PRIYA', teams: 'aad-priya' },
      ],
    });
    expect(sectionText(slack.blocks[0])).toBe('@Sam Lee, <@U0SAM> and <@U0PRIYA>');
    expect(slack.text).toBe('Stand-up: @Sam Lee and <@U0SAM>');
  });

  it('leaves a Slack plan’s own <@U…> mentions as they are', () => {
    const slack = toSlackMessage({
      kind: 'standup_prompt',
      text: 'x',
      blocks: [{ type: 'section', text: '<@U0SAM> d1' }],
      mentions: [{ text: '<@U0SAM>', name: 'Sam', slack: 'U0SAM', teams: 'aad-sam' }],
    });
    expect(sectionText(slack.blocks[0])).toBe('<@U0SAM> d1');
  });
});
