import { describe, expect, it } from 'vitest';
import { LEFT_OUT_NOTE, MAX_ACTIONS_PER_SET, toAdaptiveCard } from '../../../../src/adapters/teams/adaptive-card.js';
import { settledCard } from '../../../../src/adapters/teams/card-action.js';
import { cardBytes, MAX_CARD_BYTES, MAX_FALLBACK_TEXT } from '../../../../src/adapters/teams/card-fit.js';
import { toOutboundActivity } from '../../../../src/adapters/teams/outbound-activity.js';
import type {
  AdaptiveCardJson,
  CardActionJson,
  CardElementJson,
  TextBlockJson,
} from '../../../../src/adapters/teams/card-json.js';
import { standupCard } from '../../../../src/adapters/teams/standup-card.js';
import type { Message, MessageBlock, MessageMention } from '../../../../src/service/messages/message.js';
import { MAX_CARD_MENTIONS } from '../../../../src/adapters/teams/card-mentions.js';
import { escalation } from '../../../../src/service/messages/escalation.js';
import { triage } from '../../../../src/service/messages/triage.js';
import { asOldClient, checkCard } from './card-validation.js';
import { blocker, everyComposedMessage, now, zone } from './card-messages.js';

const texts = (card: AdaptiveCardJson): string[] =>
  card.body.flatMap((element) => {
    if (element.type === 'TextBlock') return [element.text];
    if (element.type === 'FactSet') return element.facts.flatMap((fact) => [fact.title, fact.value]);
    return [];
  });
const actions = (card: AdaptiveCardJson): CardActionJson[] =>
  card.body.flatMap((element) => (element.type === 'ActionSet' ? element.actions : []));
const reply = (blocks: MessageBlock[]): Message => ({ kind: 'reply', text: 'Fallback text', blocks });

function expectValid(card: AdaptiveCardJson): void {
  const check = checkCard(card);
  expect(check.problems).toEqual([]);
  // A property the library does not know (a typo, a newer-schema field) would be missing here.
  expect(check.roundTrip).toEqual(check.expected);
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
}

const INJECTION =
  '<script>alert(1)</script> see [the fix](https://evil.example/login) or ![img](https://evil.example/p.png) [ref]: https://evil.example';

describe('toAdaptiveCard: every card planbot posts in Teams validates with the adaptivecards library', () => {
  it.each(everyComposedMessage())('%s', (_name, message) => {
    const card = toAdaptiveCard(message);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    });
    expect(card.body.length).toBeGreaterThan(0);
    expectValid(card);
  });

  it('the stand-up form card validates', () => {
    const card = standupCard(
      {
        memberName: 'Luis',
        planName: 'Sprint',
        tasks: [
          { key: 'd3', title: 'Configure Airbyte connectors', status: 'in_progress', overdue: false },
          { key: 'd2', title: 'Provision warehouse', status: 'todo', overdue: true },
        ],
      },
      'occ-1',
    );
    expectValid(card);
  });

  it('a settled card validates', () => {
    const card = toAdaptiveCard(triage({ planName: 'Sprint', now, zone, blockers: [blocker(12), blocker(7)] }));
    expectValid(
      settledCard(card, { actionId: 'blocker_ack', value: 'blk-12' }, 'Acknowledged by **Sam Lee** at 14:05 PST.'),
    );
  });
});

describe('toAdaptiveCard: rendering', () => {
  it('turns buttons into Action.Execute with the neutral action id as verb, falling back to Action.Submit with the same data', () => {
    const card = toAdaptiveCard(triage({ planName: 'Sprint', now, zone, blockers: [blocker(12)] }));
    expect(actions(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Acknowledge',
        verb: 'blocker_ack',
        data: { actionId: 'blocker_ack', value: 'blk-12' },
        style: 'positive',
        fallback: {
          type: 'Action.Submit',
          title: 'Acknowledge',
          data: { actionId: 'blocker_ack', value: 'blk-12' },
          style: 'positive',
        },
      },
      expect.objectContaining({ verb: 'blocker_resolve', data: { actionId: 'blocker_resolve', value: 'blk-12' } }),
      expect.objectContaining({
        verb: 'blocker_escalate',
        style: 'destructive',
        fallback: expect.objectContaining({ type: 'Action.Submit', style: 'destructive' }),
      }),
    ]);
  });

  it('a client without Action.Execute gets Action.Submit buttons carrying the same data', () => {
    const card = toAdaptiveCard(triage({ planName: 'Sprint', now, zone, blockers: [blocker(12), blocker(7)] }));
    const old = asOldClient(card);
    const serialised = JSON.stringify(old.json);
    expect(serialised).not.toContain('Action.Execute');
    const submitted = [...serialised.matchAll(/"type":"Action.Submit","title":"([^"]+)"[^}]*"data":(\{[^}]*\})/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(submitted).toEqual(actions(card).map((action) => `${action.title} ${JSON.stringify(action.data)}`));
  });

  it('translates Slack-style emphasis and commands into Teams markdown', () => {
    const card = toAdaptiveCard(
      reply([
        { type: 'header', text: 'Stand-up · Sprint' },
        {
          type: 'section',
          text: '*d3* Configure Airbyte · _due today_\nSee `/plan today` for the rest; 2*3 stays as it is',
        },
        { type: 'fields', fields: [{ label: 'Task', value: '*d12* Monitoring' }] },
        { type: 'context', text: 'Mon 14 Dec' },
      ]),
    );
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Stand-up · Sprint', wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: '**d3** Configure Airbyte · _due today_', wrap: true },
      { type: 'TextBlock', text: 'See **plan today** for the rest; 2*3 stays as it is', wrap: true, spacing: 'None' },
      { type: 'FactSet', facts: [{ title: 'Task', value: '**d12** Monitoring' }] },
      { type: 'TextBlock', text: 'Mon 14 Dec', wrap: true, size: 'Small', isSubtle: true },
    ]);
  });

  it('draws a divider as a separator above what follows, and bullets a list', () => {
    const card = toAdaptiveCard(
      reply([
        { type: 'section', text: 'Above' },
        { type: 'divider' },
        { type: 'list', items: ['one', 'two'] },
        { type: 'divider' },
      ]),
    );
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Above', wrap: true },
      { type: 'TextBlock', text: '• one', wrap: true, separator: true },
      { type: 'TextBlock', text: '• two', wrap: true, spacing: 'None' },
    ]);
  });

  it(`splits more than ${MAX_ACTIONS_PER_SET} buttons into several sets (the library refuses more per set)`, () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: 'blocker_resolve' as const,
      label: `Resolve ${i}`,
      value: `blk-${i}`,
    }));
    const card = toAdaptiveCard(reply([{ type: 'actions', actions: many }]));
    expect(card.body.map((element) => (element.type === 'ActionSet' ? element.actions.length : 0))).toEqual([5, 5, 2]);
    expectValid(card);
  });
});

describe('toAdaptiveCard: text users typed stays inert', () => {
  it('keeps <script> as literal text and breaks markdown links, images and link definitions', () => {
    const card = toAdaptiveCard(
      triage({
        planName: 'Sprint [login](https://evil.example)',
        now,
        zone,
        blockers: [blocker(12, { summary: INJECTION })],
      }),
    );
    expectValid(card);
    const all = texts(card).join('\n');
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).not.toContain('&lt;');
    // CommonMark needs `](`, `][` or `]:` for a link, an image or a link definition; none survives.
    expect(all).not.toMatch(/\]\(|\]\[|\]:/);
    // The words are all still there for the reader (the breaks are zero-width).
    expect(all.replaceAll('\u200B', '')).toContain(
      'see [the fix](https://evil.example/login) or ![img](https://evil.example/p.png)',
    );
  });

  it('neutralises links in facts too (an escalation shows the summary users typed)', () => {
    const card = toAdaptiveCard(
      escalation({
        planName: 'Sprint',
        blocker: { id: 'blk-1', number: 1, summary: INJECTION, openedAt: now.minus({ hours: 5 }) },
        tier: { number: 1 },
        reportedBy: '[boss](https://evil.example)',
        task: { key: 'd1', title: 'Title [x](https://evil.example)' },
        now,
        reason: { kind: 'first_tier' },
      }),
    );
    expectValid(card);
    expect(texts(card).join('\n')).not.toMatch(/\]\(|\]\[|\]:/);
  });

  it('stand-up form labels and the settled outcome carry no live links either', () => {
    const form = standupCard({
      memberName: '[me](https://evil.example)',
      planName: 'P',
      tasks: [{ key: 'd1', title: '<script>x</script>', status: 'todo', overdue: false }],
    });
    expectValid(form);
    const settled = settledCard(form, { actionId: 'standup_submit', value: '' }, 'Thanks [x](https://evil.example)');
    expectValid(settled);
    expect(JSON.stringify([texts(form), texts(settled)])).not.toMatch(/\]\(/);
  });
});

describe('toAdaptiveCard: Teams size limit', () => {
  it('summarises a long list with "…and N more" to stay under the limit', () => {
    const items = Array.from(
      { length: 1500 },
      (_, i) => `*d${i}* A task with a reasonably long descriptive title number ${i}`,
    );
    const card = toAdaptiveCard(
      reply([
        { type: 'header', text: 'Memo' },
        { type: 'list', items },
        { type: 'context', text: 'Footer' },
      ]),
    );
    expectValid(card);
    const all = texts(card);
    expect(all.find((text) => /^…and \d+ more$/.test(text))).toBeDefined();
    const shown = all.filter((text) => text.startsWith('• ')).length;
    expect(all).toContain(`…and ${items.length - shown} more`);
    // The list shrank; what came after it is still there.
    expect(all.at(-1)).toBe('Footer');
  });

  it('keeps the blocks that fit and says part was left out when lists alone are not enough', () => {
    const sections: MessageBlock[] = Array.from({ length: 49 }, (_, i) => ({
      type: 'section',
      text: `${i}: ${'x'.repeat(2900)}`,
    }));
    const card = toAdaptiveCard(reply([{ type: 'header', text: 'Huge' }, ...sections]));
    expectValid(card);
    const all = texts(card);
    expect(all[0]).toBe('Huge');
    expect(all.at(-1)).toBe(LEFT_OUT_NOTE);
    expect(all.length).toBeGreaterThan(3);
  });

  it('a card under the limit is not touched', () => {
    const message = reply([{ type: 'list', items: Array.from({ length: 30 }, (_, i) => `item ${i}`) }]);
    expect(texts(toAdaptiveCard(message))).toHaveLength(30);
  });
});

describe('settledCard', () => {
  const card = toAdaptiveCard(triage({ planName: 'Sprint', now, zone, blockers: [blocker(12), blocker(7)] }));

  it('shows the outcome without control characters (a reply\u2019s text is not cleaned by any renderer)', () => {
    const settled = settledCard(
      card,
      { actionId: 'blocker_ack', value: 'blk-12' },
      'Acknowledged by Sam\u0007 \u202Eexe.txt\u001b[31m',
    );
    const outcome = settled.body.find(
      (element): element is TextBlockJson => element.type === 'TextBlock' && element.text.startsWith('Acknowledged'),
    );
    expect(outcome?.text).toBe('Acknowledged by Sam exe.txt[31m');
  });

  it('replaces the clicked set with the outcome and keeps the other blockers\u2019 buttons', () => {
    const settled = settledCard(card, { actionId: 'blocker_ack', value: 'blk-12' }, 'Acknowledged by *Sam*');
    expect(actions(settled).map((action) => action.data.value)).toEqual(['blk-7', 'blk-7', 'blk-7']);
    const outcome = settled.body.find(
      (element): element is TextBlockJson => element.type === 'TextBlock' && element.text.startsWith('Acknowledged'),
    );
    expect(outcome?.text).toBe('Acknowledged by **Sam**');
    const index = settled.body.indexOf(outcome as CardElementJson);
    // Where the buttons were: right after blocker 12's lines.
    expect(settled.body[index - 1]).toMatchObject({ type: 'TextBlock' });
    expect(card.body.filter((element) => element.type === 'ActionSet')).toHaveLength(2);
  });

  it('adds the outcome at the end when the button is no longer on the card', () => {
    const settled = settledCard(card, { actionId: 'blocker_ack', value: 'blk-99' }, 'Already handled.');
    expect(actions(settled)).toHaveLength(actions(card).length);
    expect(settled.body.at(-1)).toMatchObject({ type: 'TextBlock', text: 'Already handled.' });
  });
});

describe('toAdaptiveCard: degenerate messages', () => {
  it('shows the plain text when a message has no blocks, and never an empty card', () => {
    expect(texts(toAdaptiveCard({ kind: 'reply', text: 'Line one\nLine two', blocks: [] }))).toEqual([
      'Line one',
      'Line two',
    ]);
    const empty = toAdaptiveCard({ kind: 'reply', text: '', blocks: [{ type: 'divider' }] });
    expect(texts(empty)).toEqual(['(no content)']);
    expectValid(empty);
  });
});

describe('Teams: text cut at an emoji, and the stand-up form under the size limit', () => {
  const FAMILY = '👨‍👩‍👧‍👦'; // one character on screen, 11 UTF-16 units
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it.each(Array.from({ length: 11 }, (_, offset) => offset))(
    'the activity summary and the card fallbackText keep a ZWJ emoji whole (offset %i)',
    (offset) => {
      const text = `${'a'.repeat(480 + offset)}${FAMILY.repeat(10)}`;
      const activity = toOutboundActivity({ kind: 'reply', text, blocks: [{ type: 'section', text: 'body' }] });
      const fallback = activity.attachments[0]!.content.fallbackText ?? '';
      for (const line of [activity.summary, fallback]) {
        expect(line.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
        expect(line.endsWith('…')).toBe(true);
        expect(line).not.toMatch(LONE_SURROGATE);
        expect(line.slice(0, -1).replace(/^a+/, '').split(FAMILY).join('')).toBe('');
      }
    },
  );

  const task = (i: number, title: string) => ({
    key: `d${i}`,
    title,
    status: 'todo' as const,
    overdue: i % 2 === 0,
  });
  const choiceLabels = (card: AdaptiveCardJson): string[] =>
    card.body.flatMap((element) => (element.type === 'Input.ChoiceSet' ? [element.label] : []));

  it('a form for long task titles and names is capped like every other card, and names what it left out', () => {
    const form = {
      memberName: `Luis ${'🚧'.repeat(2000)}`,
      planName: `Sprint ${'x'.repeat(5000)}`,
      tasks: Array.from({ length: 20 }, (_, i) => task(i, `${'Configure the connectors 🚧 '.repeat(150)}${i}`)),
    };
    const card = standupCard(form, 'occ-1');
    expectValid(card);
    const labels = choiceLabels(card);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      expect(label.length).toBeLessThanOrEqual(200);
      expect(label).not.toMatch(LONE_SURROGATE);
    }
    const rest = form.tasks.length - labels.length;
    if (rest > 0) expect(texts(card)).toContain(`…and ${rest} more: mark them with **plan done <task>**`);
    // The submit button is still there.
    expect(actions(card).map((action) => action.title)).toEqual(['Post update']);
  });

  it('a form that is still too big shows fewer selectors rather than being refused by Teams', () => {
    const form = {
      memberName: 'Luis',
      planName: 'Sprint',
      tasks: Array.from({ length: 20 }, (_, i) => task(i, `${'日本語のタスク'.repeat(40)}${i}`)),
    };
    const small = 12 * 1024;
    const card = standupCard(form, 'occ-1', small);
    expect(cardBytes(card)).toBeLessThanOrEqual(small);
    const shown = choiceLabels(card).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    expect(texts(card)).toContain(`…and ${20 - shown} more: mark them with **plan done <task>**`);
  });
});

describe('toAdaptiveCard: mentions', () => {
  const SAM: MessageMention = { text: '@Sam', name: 'Sam', teams: 'aad-sam' };
  const SAM_LEE: MessageMention = { text: '@Sam Lee', name: 'Sam Lee', teams: '29:1sam-lee' };
  const PRIYA: MessageMention = { text: '@Priya Mehta', name: 'Priya Mehta', slack: 'U0PRIYA' };
  const textBlocks = (card: AdaptiveCardJson): string[] =>
    card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : []));

  it('makes members linked on Teams <at> mentions with entities, longest name first, and keeps others plain', () => {
    const message: Message = {
      kind: 'standup_prompt',
      text: 'Stand-up: @Sam Lee, @Sam and @Priya Mehta',
      blocks: [
        { type: 'section', text: '@Sam Lee\n• *d1* Kickoff' },
        { type: 'list', items: ['@Sam: *d2* Provision', '@Priya Mehta: *d3* Ingest'] },
        { type: 'fields', fields: [{ label: 'Owner', value: '@Sam' }] },
      ],
      mentions: [SAM, SAM_LEE, PRIYA],
    };
    const card = toAdaptiveCard(message);
    expect(textBlocks(card)).toEqual([
      '<at>Sam Lee</at>',
      '• **d1** Kickoff',
      '• <at>Sam</at>: **d2** Provision',
      '• @Priya Mehta: **d3** Ingest',
    ]);
    expect(card.msteams).toEqual({
      entities: [
        { type: 'mention', text: '<at>Sam</at>', mentioned: { id: 'aad-sam', name: 'Sam' } },
        { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: '29:1sam-lee', name: 'Sam Lee' } },
      ],
    });
    // Fact values and the fallback line are not where Teams notifies: plain names there.
    expect(JSON.stringify(card.body.find((e) => e.type === 'FactSet'))).toContain('"value":"@Sam"');
    expect(card.fallbackText).toBe('Stand-up: @Sam Lee, @Sam and @Priya Mehta');
    expectValid(card);
  });

  it('a Slack plan’s <@U…> mention reaching Teams becomes <at> when linked there, else the plain name', () => {
    const card = toAdaptiveCard({
      kind: 'escalation',
      text: 'x',
      blocks: [{ type: 'section', text: '<@U0SAM> and <@U0PRIYA>' }],
      mentions: [
        { text: '<@U0SAM>', name: 'Sam', slack: 'U0SAM', teams: 'aad-sam' },
        { text: '<@U0PRIYA>', name: 'Priya', slack: 'U0PRIYA' },
      ],
    });
    expect(textBlocks(card)).toEqual(['<at>Sam</at> and @Priya']);
    expect(card.msteams?.entities.map((e) => e.mentioned.id)).toEqual(['aad-sam']);
  });

  it('keeps the card under the size limit with its entities, and carries no entity for a name the fit left out', () => {
    const people: MessageMention[] = Array.from({ length: 80 }, (_, i) => ({
      text: `@Person ${i}`,
      name: `Person ${i}`,
      teams: `aad-${'0'.repeat(30)}${i}`,
    }));
    const card = toAdaptiveCard({
      kind: 'standup_prompt',
      text: 'Stand-up',
      blocks: people.map((p) => ({ type: 'section', text: `${p.text}\n${'task '.repeat(120)}` })),
      mentions: people,
    });
    expectValid(card);
    const entities = card.msteams?.entities ?? [];
    expect(entities.length).toBeGreaterThan(0);
    expect(entities.length).toBeLessThanOrEqual(MAX_CARD_MENTIONS);
    const shown = textBlocks(card).join('\n');
    for (const entity of entities) expect(shown).toContain(entity.text);
  });
});
