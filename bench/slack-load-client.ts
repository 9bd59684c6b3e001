// The load generator for bench/slack-command.ts, run as its own process so its CPU is not charged
// to the server it measures (Slack is not in planbot's process either). Prints one JSON line:
// sorted latencies in ms and the count of failed responses.
//   tsx bench/slack-load-client.ts <url> <requests> <concurrency> <signing secret>
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const [url, requestsArg, concurrencyArg, secret] = process.argv.slice(2);
const requests = Number(requestsArg);
const concurrency = Number(concurrencyArg);
if (!url || !secret || !(requests > 0) || !(concurrency > 0)) {
  console.error('usage: slack-load-client.ts <url> <requests> <concurrency> <signing secret>');
  process.exit(2);
}

function signed(n: number): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    user_id: 'U000000',
    user_name: 'lead',
    command: '/plan',
    text: 'blockers',
    api_app_id: 'A0BENCH',
    response_url: 'https://hooks.slack.com/commands/T0/1/x',
    trigger_id: `trigger.${process.pid}.${n}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret!).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  };
}

const timings: number[] = [];
let next = 0;
let failed = 0;
async function worker(): Promise<void> {
  while (next < requests) {
    const n = (next += 1);
    const request = signed(n);
    const started = performance.now();
    const response = await fetch(url!, { method: 'POST', body: request.body, headers: request.headers });
    const text = await response.text();
    timings.push(performance.now() - started);
    if (response.status !== 200 || text.length < 20) failed += 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
console.log(JSON.stringify({ timings: timings.sort((a, b) => a - b), failed }));
