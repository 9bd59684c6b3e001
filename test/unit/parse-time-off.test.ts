import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/service/commands/command.js';
import { readDateAndText, readDateRange } from '../../src/service/commands/chat-dates.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';

// The same text arrives from Slack ("/plan away …") and Teams ("<at>planbot</at> away …").
describe('parseCommandText: away, back, holiday', () => {
  it.each<[string, Command]>([
    ['/plan away', { name: 'away', args: {} }],
    ['/plan away dec 10 to dec 12', { name: 'away', args: { dates: 'dec 10 to dec 12' } }],
    ['plan away 2026-12-10', { name: 'away', args: { dates: '2026-12-10' } }],
    ['<at>planbot</at> away tomorrow', { name: 'away', args: { dates: 'tomorrow' } }],
    [
      '/plan away <@U0LUIS|luis> next monday',
      { name: 'away', args: { platformUser: '<@U0LUIS|luis>', dates: 'next monday' } },
    ],
    [
      '<at>planbot</at> away <at>Luis</at> dec 10',
      { name: 'away', args: { platformUser: '<at>Luis</at>', dates: 'dec 10' } },
    ],
    ['/plan away "Luis Romero" dec 10', { name: 'away', args: { memberName: 'Luis Romero', dates: 'dec 10' } }],
    ['/plan away @luis', { name: 'away', args: { platformUser: '@luis' } }],
    ['/plan away cancel dec 10', { name: 'away', args: { cancel: true, dates: 'dec 10' } }],
    [
      '/plan away "Luis Romero" cancel dec 10',
      { name: 'away', args: { memberName: 'Luis Romero', cancel: true, dates: 'dec 10' } },
    ],
    ['/plan back', { name: 'back', args: {} }],
    ['plan back "Luis Romero"', { name: 'back', args: { memberName: 'Luis Romero' } }],
    ['/plan holiday', { name: 'holiday', args: { action: 'list' } }],
    ['/plan holiday dec 24 Christmas Eve', { name: 'holiday', args: { action: 'add', text: 'dec 24 Christmas Eve' } }],
    ['<at>planbot</at> holiday remove 2026-12-24', { name: 'holiday', args: { action: 'remove', text: '2026-12-24' } }],
  ])('%s', (text, expected) => {
    const parsed = parseCommandText(text);
    expect(parsed).toEqual({ ok: true, command: expected });
  });

  it('says what was wrong, with the usage', () => {
    expect(parseCommandText('/plan back dec 10')).toEqual({
      ok: false,
      error: '`back` takes no dates: it ends your time off today. Usage: /plan back [@user | "Name"]',
    });
    const remove = parseCommandText('/plan holiday remove');
    expect(!remove.ok && remove.error).toContain('Say which holiday to remove');
  });
});

describe('reading chat dates in the plan zone', () => {
  // Monday Dec 7 2026, 22:30 in Los Angeles (Tuesday 06:30 UTC).
  const now = new Date('2026-12-08T06:30:00Z');
  const zone = 'America/Los_Angeles';

  it.each([
    ['2026-12-10', '2026-12-10', '2026-12-10'],
    ['dec 10', '2026-12-10', '2026-12-10'],
    ['tomorrow', '2026-12-08', '2026-12-08'],
    ['next monday', '2026-12-14', '2026-12-14'],
    ['dec 10 to dec 12', '2026-12-10', '2026-12-12'],
    ['from dec 10 until dec 14', '2026-12-10', '2026-12-14'],
    ['2026-12-10 2026-12-12', '2026-12-10', '2026-12-12'],
    ['dec 10-12', '2026-12-10', '2026-12-12'],
  ])('%s → %s … %s', (text, from, to) => {
    expect(readDateRange(text, now, zone)).toEqual({ ok: true, from, to });
  });

  it('refuses a last day before the first, words it cannot read, and more than two dates', () => {
    expect(readDateRange('2026-12-16 2026-12-14', now, zone)).toMatchObject({ ok: false });
    expect(readDateRange('dec 10 or so', now, zone)).toMatchObject({
      ok: false,
      error: expect.stringContaining('"or so"'),
    });
    expect(readDateRange('dec 10 dec 11 dec 12', now, zone)).toMatchObject({ ok: false });
  });

  it('splits a holiday’s date from its name', () => {
    expect(readDateAndText('dec 24 Christmas Eve', now, zone)).toEqual({
      ok: true,
      date: '2026-12-24',
      rest: 'Christmas Eve',
    });
    expect(readDateAndText('2026-12-24 "Christmas Eve"', now, zone)).toEqual({
      ok: true,
      date: '2026-12-24',
      rest: 'Christmas Eve',
    });
    expect(readDateAndText('Boxing Day — dec 26', now, zone)).toEqual({
      ok: true,
      date: '2026-12-26',
      rest: 'Boxing Day',
    });
  });
});
