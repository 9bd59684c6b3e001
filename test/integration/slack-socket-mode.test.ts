import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackAdapter } from '../../src/adapters/slack/slack-app.js';
import { createApp } from '../../src/main.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { testSlackAdapter } from '../support/slack-adapter.js';
import { createTestApp, importYaml } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const workspace = { platform: 'slack' as const, externalId: 'T0SOCK', name: 'Socket team' };

/**
 * Socket Mode against a local stand-in for Slack's WebSocket endpoint: `apps.connections.open`
 * (nocked) hands out its URL, it says hello and sends a slash-command envelope, and planbot must
 * answer on the socket with the envelope id and the reply as payload.
 */
describe('Slack over Socket Mode (pglite)', () => {
  let db: TestDatabase;
  let wss: WebSocketServer;
  let adapter: SlackAdapter;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A0PLANBOT' },
          debug_info: { host: 'local' },
        }),
      );
    });
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('https://slack.com')
      .persist()
      .post('/api/apps.connections.open')
      .reply(200, { ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link` });

    db = await openTestDatabase('pglite');
    const seed = createTestApp(db, '2026-12-07T17:00:00Z');
    await importYaml(seed, workspace, sprintPlanYaml, 'C0SOCK');
    const clock = new ManualClock('2026-12-07T17:00:00Z');
    const app = createApp({ database: db, clock, senders: {} });
    adapter = await testSlackAdapter(app, db, clock, {
      signingSecret: '0'.repeat(32),
      botToken: 'xoxb-socket',
      appToken: 'xapp-1-socket',
    });
  });
  afterAll(async () => {
    await adapter?.stop();
    for (const socket of sockets) socket.terminate();
    await new Promise((resolve) => wss?.close(resolve));
    await db?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('serves no HTTP route and answers /plan over the socket with the envelope id', async () => {
    expect(adapter.route).toBeUndefined();
    const socket = sockets[0]!;
    const answer = new Promise<{ envelope_id: string; payload: { response_type: string; text: string } }>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'x',
          team_id: 'T0SOCK',
          team_domain: 'sock',
          channel_id: 'C0SOCK',
          channel_name: 'checkout',
          user_id: 'U0SAM',
          user_name: 'sam',
          command: '/plan',
          text: 'status',
          api_app_id: 'A0PLANBOT',
          response_url: 'https://hooks.slack.com/commands/T0/1/x',
          trigger_id: '1.2.3',
        },
      }),
    );
    const ack = await answer;
    expect(ack.envelope_id).toBe('env-1');
    expect(ack.payload.response_type).toBe('ephemeral');
    expect(ack.payload.text).toMatch(/Checkout sprint/);
  });
});
