// The load generator for bench/load.ts, run as its own process so its CPU is not charged to the
// server it measures (Slack and the Bot Connector are not in planbot's process either). It keeps
// `concurrency` requests in flight (closed loop) for `durationS` seconds, then prints one JSON
// line: sorted latencies in ms, the error count with a few samples, and the elapsed time.
// Configuration comes as JSON in LOAD_CLIENT_CONFIG (it carries the signing secret / private key,
// which must not show in `ps`).
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';

export interface SlackLoad {
  platform: 'slack';
  url: string;
  signingSecret: string;
  team: string;
  channel: string;
  /** user ids: the first is the plan's lead. */
  users: string[];
}

export interface TeamsLoad {
  platform: 'teams';
  url: string;
  appId: string;
  serviceUrl: string;
  privateKeyPem: string;
  kid: string;
  tenantId: string;
  channel: string;
  /** AAD object ids: the first is the plan's lead. */
  users: string[];
}

export type LoadClientConfig = (SlackLoad | TeamsLoad) & { concurrency: number; durationS: number; runId: string };

export interface LoadClientResult {
  timings: number[];
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
}

interface Request {
  body: string;
  headers: Record<string, string>;
}

const raw = process.env.LOAD_CLIENT_CONFIG;
if (!raw) {
  console.error('load-client.ts is started by bench/load.ts (it reads LOAD_CLIENT_CONFIG).');
  process.exit(2);
}
const config = JSON.parse(raw) as LoadClientConfig;

// The mix: every third request is the lead's blocker list, the rest split between the commands
// any member runs, from members spread over the plan.
function slackRequest(c: SlackLoad, n: number): Request {
  const kind = n % 3;
  const text = kind === 0 ? 'blockers' : kind === 1 ? 'status' : 'today';
  const user = kind === 0 ? c.users[0]! : c.users[1 + (n % (c.users.length - 1))]!;
  const body = new URLSearchParams({
    team_id: c.team,
    team_domain: 'bench',
    channel_id: c.channel,
    user_id: user,
    user_name: user,
    command: '/plan',
    text,
    api_app_id: 'A0BENCH',
    response_url: 'https://hooks.slack.com/commands/T0/1/x',
    trigger_id: `trigger.${config.runId}.${n}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', c.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  };
}

// The Bot Connector signs a token once and sends it with many activities until it nears expiry;
// re-signing per request would make RSA signing in this process the bottleneck, not planbot.
let teamsToken: { value: string; until: number } | undefined;
function teamsAuthorization(c: TeamsLoad): string {
  const now = Math.floor(Date.now() / 1000);
  if (!teamsToken || teamsToken.until < now) {
    const value = jwt.sign(
      {
        aud: c.appId,
        serviceurl: c.serviceUrl,
        iss: 'https://api.botframework.com',
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
      },
      c.privateKeyPem,
      { algorithm: 'RS256', keyid: c.kid },
    );
    teamsToken = { value, until: now + 600 };
  }
  return `Bearer ${teamsToken.value}`;
}

function teamsRequest(c: TeamsLoad, n: number): Request {
  const lead = n % 3 === 0;
  const user = lead ? c.users[0]! : c.users[1 + (n % (c.users.length - 1))]!;
  const words = lead ? 'plan blockers' : 'plan status';
  const activity = {
    type: 'message',
    id: `bench-${config.runId}-${n}`,
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user}`, aadObjectId: user, name: user },
    recipient: { id: `28:${c.appId}`, name: 'planbot' },
    conversation: {
      id: `${c.channel};messageid=${config.runId}${n}`,
      conversationType: 'channel',
      tenantId: c.tenantId,
      isGroup: true,
    },
    channelData: { tenant: { id: c.tenantId }, channel: { id: c.channel }, team: { id: c.channel } },
    text: `<at>planbot</at> ${words}`,
    entities: [{ type: 'mention', text: '<at>planbot</at>', mentioned: { id: `28:${c.appId}`, name: 'planbot' } }],
  };
  return {
    body: JSON.stringify(activity),
    headers: { 'content-type': 'application/json', authorization: teamsAuthorization(c) },
  };
}

const request = (n: number): Request =>
  config.platform === 'slack' ? slackRequest(config, n) : teamsRequest(config, n);

const timings: number[] = [];
const errorSamples: string[] = [];
let errors = 0;
let next = 0;
const started = performance.now();
const stopAt = started + config.durationS * 1000;

function failed(what: string): void {
  errors += 1;
  if (errorSamples.length < 5) errorSamples.push(what);
}

async function worker(): Promise<void> {
  while (performance.now() < stopAt) {
    const n = (next += 1);
    const { body, headers } = request(n);
    const sent = performance.now();
    try {
      const response = await fetch(config.url, { method: 'POST', body, headers });
      const text = await response.text();
      timings.push(performance.now() - sent);
      // Slack: the command's answer is in the ack body. Teams: the answer goes to the connector,
      // the HTTP response is an empty 200 (bench/load.ts counts the replies it receives).
      if (response.status !== 200) failed(`${response.status} ${text.slice(0, 120)}`);
      else if (config.platform === 'slack' && text.length < 20) failed(`200 with a short body: ${text}`);
    } catch (error) {
      timings.push(performance.now() - sent);
      failed(`network: ${(error as Error).message}`);
    }
  }
}

await Promise.all(Array.from({ length: config.concurrency }, worker));
const result: LoadClientResult = {
  timings: timings.sort((a, b) => a - b),
  errors,
  errorSamples,
  elapsedMs: performance.now() - started,
};
console.log(JSON.stringify(result));
