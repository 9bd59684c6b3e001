// Micro-benchmark (a script, not a test): the Teams card for `/plan blockers` with 40 open blockers
// and for `/plan status` with 30 overdue tasks, as bench/load.ts sends them. Prints the card size,
// how many renders and serialisations fitting took, and µs per card.
//   npx tsx bench/card-fit.ts
import { performance } from 'node:perf_hooks';
import { toAdaptiveCard } from '../src/adapters/teams/adaptive-card.js';
import { cardBytes } from '../src/adapters/teams/card-fit.js';
import { blockersReply } from '../src/service/messages/blockers-reply.js';
import { statusReply } from '../src/service/messages/status-reply.js';

const now = new Date('2026-12-09T22:00:00Z');
const blockers = blockersReply({
  planName: 'Bench plan (teams)',
  now,
  blockers: Array.from({ length: 40 }, (_, i) => ({
    id: `0000000${i}-0000-4000-8000-000000000000`,
    number: i + 1,
    summary: `Blocked by dependency ${i}`,
    status: i % 4 === 0 ? ('acknowledged' as const) : ('open' as const),
    owner: `Member ${i % 50}`,
    task: { key: `t${i * 7}`, title: `Task ${i * 7}` },
    openedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
    dependants: 29 - Math.floor((i * 7) / 10),
    milestone: null,
    acknowledgedBy: i % 4 === 0 ? 'Member 0' : null,
  })),
});
const status = statusReply({
  planName: 'Bench plan (teams)',
  planVersion: 1,
  date: '2026-12-09',
  day: { number: 3, of: 20 },
  counts: { total: 300, done: 0, inProgress: 0, blocked: 40, todo: 260 },
  overdue: Array.from({ length: 30 }, (_, i) => ({
    key: `t${i}`,
    title: `Task ${i}`,
    owner: `Member ${i % 50}`,
    daysLate: 1 + (i % 2),
  })),
  openBlockers: 40,
  nextBufferDay: null,
});

const stringify = JSON.stringify;
for (const [name, message] of [
  ['blockers', blockers],
  ['status', status],
] as const) {
  let serialisations = 0;
  JSON.stringify = ((...args: Parameters<typeof stringify>) => (
    (serialisations += 1),
    stringify(...args)
  )) as typeof stringify;
  const card = toAdaptiveCard(message);
  JSON.stringify = stringify;
  const rounds = 500;
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) toAdaptiveCard(message);
  const us = ((performance.now() - started) * 1000) / rounds;
  console.log(
    `${name.padEnd(9)} ${message.blocks.length} blocks → card ${cardBytes(card)} bytes, ${card.body.length} elements; ${serialisations} JSON.stringify calls; ${us.toFixed(0)} µs per card`,
  );
}
