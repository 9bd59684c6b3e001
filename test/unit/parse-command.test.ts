import { describe, expect, it } from 'vitest';
import { commandSchema, type Command } from '../../src/service/commands/command.js';
import { parseCommandText, parseStandupText } from '../../src/service/commands/parse-command.js';

function command(text: string): Command {
  const result = parseCommandText(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error}`);
  return result.command;
}

function error(text: string): string {
  const result = parseCommandText(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.command)}`);
  return result.error;
}

describe('parseCommandText: every command', () => {
  it.each<[string, Command]>([
    ['/plan help', { name: 'help', args: {} }],
    ['/plan help block', { name: 'help', args: { topic: 'block' } }],
    ['/plan', { name: 'help', args: {} }],
    ['/plan today', { name: 'today', args: {} }],
    ['plan status', { name: 'status', args: {} }],
    ['plan blockers', { name: 'blockers', args: {} }],
    ['blockers', { name: 'blockers', args: {} }],
    ['/plan block d3 waiting on GA4 keys', { name: 'block', args: { taskKey: 'd3', text: 'waiting on GA4 keys' } }],
    ['/plan  BLOCK  #d3   waiting\non keys', { name: 'block', args: { taskKey: 'd3', text: 'waiting\non keys' } }],
    ['@planbot ack 12', { name: 'ack', args: { blockerRef: '12' } }],
    ['<@U0BOT> ack #12 on it', { name: 'ack', args: { blockerRef: '12', note: 'on it' } }],
    ['<at>planbot</at> resolve 12 keys arrived', { name: 'resolve', args: { blockerRef: '12', note: 'keys arrived' } }],
    ['/plan done d4', { name: 'done', args: { taskKey: 'd4' } }],
    ['/plan standup', { name: 'standup', args: {} }],
    [
      '/plan standup did: crawl doing: tickets blockers: none',
      { name: 'standup', args: { did: 'crawl', doing: 'tickets', blockers: null } },
    ],
    ['/plan schedule', { name: 'schedule', args: {} }],
    ['<at>planbot</at> home', { name: 'home', args: {} }],
    ['/plan replan approve 3', { name: 'replan', args: { decision: 'approve', proposalRef: '3' } }],
    ['/plan replan Reject #3', { name: 'replan', args: { decision: 'reject', proposalRef: '3' } }],
    ['/plan link "Sam Jackson"', { name: 'link', args: { memberName: 'Sam Jackson' } }],
    [
      '/plan link <@U123|sam> "Sam Jackson"',
      { name: 'link', args: { memberName: 'Sam Jackson', platformUser: '<@U123|sam>' } },
    ],
    [
      '/plan link “Sam Jackson” @sam.jackson',
      { name: 'link', args: { memberName: 'Sam Jackson', platformUser: '@sam.jackson' } },
    ],
  ])('%j', (text, expected) => {
    expect(command(text)).toEqual(expected);
    expect(commandSchema.parse(expected)).toEqual(expected);
  });
});

describe('parseCommandText: bad input is answered with the usage line', () => {
  it.each([
    ['/plan block d3', /Say which task is blocked and by what\. Usage: \/plan block <task> <what is blocking you>$/],
    ['/plan block', /Usage: \/plan block <task>/],
    ['/plan ack', /Say which blocker \(its number\)\. Usage: \/plan ack <blocker number> \[note\]$/],
    [
      '/plan resolve !!',
      /`resolve` did not understand that \(blockerRef: a number such as 12\)\. Usage: \/plan resolve/,
    ],
    ['/plan done', /Usage: \/plan done <task>$/],
    ['/plan done d3 d4', /Mark one task at a time\. Usage: \/plan done <task>$/],
    ['/plan replan maybe 3', /Say approve or reject\. Usage: \/plan replan approve\|reject <proposal number>$/],
    ['/plan replan approve', /Give the proposal number/],
    ['/plan link', /Usage: \/plan link \[@user\] "Name as in the plan"$/],
    ['/plan status please', /`status` takes nothing after it\. Usage: \/plan status$/],
    ['/plan help frobnicate', /There is no command "frobnicate"\. Usage: \/plan help \[command\]$/],
    [
      '/plan standup I fixed it',
      /Label your answer with did:, doing: and blockers: \(or give a status per task, e\.g\. "d3 done, d4 blocked"\)\. Usage: \/plan standup/,
    ],
    [
      '/plan frobnicate now',
      /^I don't know "frobnicate"\. Usage: \/plan help \| today \| .* \| link( \| [a-z]+)* — try `\/plan help`\.$/,
    ],
    [`/plan block d3 ${'x'.repeat(3000)}`, /text: .*Usage: \/plan block/],
  ])('%j', (text, expected) => {
    expect(error(text)).toMatch(expected);
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [
      '',
      '   ',
      '\u0000',
      '<@',
      '<at>',
      '"""',
      'did:',
      ':',
      '/plan /plan /plan',
      undefined as unknown as string,
      42 as unknown as string,
    ]) {
      expect(() => parseCommandText(junk)).not.toThrow();
    }
    expect(parseCommandText(42 as unknown as string)).toMatchObject({ ok: false });
  });
});

describe('free-text stand-up answers', () => {
  it('reads did / doing / blockers in any order, any case, over several lines', () => {
    expect(
      command('Blockers: GA4 keys still missing\nDOING: dbt tests\nDid: configured Airbyte\nand the CRM sync'),
    ).toEqual({
      name: 'standup',
      args: { did: 'configured Airbyte\nand the CRM sync', doing: 'dbt tests', blockers: 'GA4 keys still missing' },
    });
  });

  it('takes "blockers: none" as no blocker', () => {
    for (const none of ['none', 'None.', 'no', 'n/a', 'nothing', '-']) {
      expect(command(`did: a\ndoing: b\nblockers: ${none}`)).toEqual({
        name: 'standup',
        args: { did: 'a', doing: 'b', blockers: null },
      });
    }
    expect(command('blockers: none')).toEqual({ name: 'standup', args: { blockers: null } });
  });

  it('reads "none" followed by task statuses as no blocker, the statuses kept, and a blocker without them', () => {
    expect(command('blockers: none d2 done')).toEqual({
      name: 'standup',
      args: { blockers: null, statuses: { d2: 'done' } },
    });
    expect(command('blockers: nothing, #d5 wip; day 3 done')).toEqual({
      name: 'standup',
      args: { blockers: null, statuses: { d5: 'in_progress', 'day-3': 'done' } },
    });
    expect(command('blockers: waiting on GA4 keys, d4 blocked')).toEqual({
      name: 'standup',
      args: { blockers: 'waiting on GA4 keys', statuses: { d4: 'blocked' } },
    });
  });

  it('accepts yesterday / today labels and a mention before the answer', () => {
    expect(command('<@U0BOT> yesterday: crawl; today: tickets')).toEqual({
      name: 'standup',
      args: { did: 'crawl', doing: 'tickets' },
    });
  });

  it('leaves text without labels alone', () => {
    expect(parseStandupText('I finished the crawl and did the tickets')).toBeNull();
    expect(parseStandupText('did: the crawl')).toEqual({ did: 'the crawl' });
    expect(parseStandupText('did:\nblockers:')).toEqual({ blockers: null });
  });
});

describe('quick statuses in stand-up answers', () => {
  it('reads a status per task anywhere in the answer, in the words people use', () => {
    expect(parseStandupText('d3 done, #d4: blocked\nd5 in progress; d6 wip, t-12 is finished')).toEqual({
      statuses: { d3: 'done', d4: 'blocked', d5: 'in_progress', d6: 'in_progress', 't-12': 'done' },
    });
  });

  it('keeps did / doing / blockers alongside the statuses', () => {
    expect(command('/plan standup did: d3 done doing: d4 wip blockers: none')).toEqual({
      name: 'standup',
      args: { did: 'd3 done', doing: 'd4 wip', blockers: null, statuses: { d3: 'done', d4: 'in_progress' } },
    });
  });

  it('takes statuses alone as an answer, the last word on a task winning', () => {
    expect(command('/plan standup d3 wip, then d3 done')).toEqual({
      name: 'standup',
      args: { statuses: { d3: 'done' } },
    });
  });

  it('does not read ordinary words as task keys', () => {
    expect(parseStandupText('tests done, all done, nearly finished')).toBeNull();
    expect(parseStandupText('did: the migration is done')).toEqual({ did: 'the migration is done' });
    expect(error('/plan standup I fixed it')).toMatch(/d3 done, d4 blocked/);
  });
});

describe('a bare quick status answers the stand-up', () => {
  it('reads "d3 done, #d4: blocked" without a command word, but leaves unknown words an error', () => {
    expect(command('#d4: blocked\nblockers: schema drift')).toEqual({
      name: 'standup',
      args: { blockers: 'schema drift', statuses: { d4: 'blocked' } },
    });
    expect(command('<@U0BOT> d3 done, d5 in progress')).toEqual({
      name: 'standup',
      args: { statuses: { d3: 'done', d5: 'in_progress' } },
    });
    expect(command('done d3')).toEqual({ name: 'done', args: { taskKey: 'd3' } });
    expect(error('finished everything')).toMatch(/I don't know "finished"/);
  });
});

describe('parseCommandText: an unknown word echoed back', () => {
  it('is cut at 40 characters without breaking the emoji at the cut', () => {
    const reply = error(`${'x'.repeat(39)}🚧🚧 now`);
    expect(reply).toMatch(/^I don't know "x{39}"\./);
    expect(reply).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
