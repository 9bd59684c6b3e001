import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toSlackMessage } from '../../../../src/adapters/slack/block-kit.js';
import { importModal } from '../../../../src/adapters/slack/import-modal.js';
import { BOT_SCOPES, createSlackAdapter } from '../../../../src/adapters/slack/slack-app.js';
import { standupModal } from '../../../../src/adapters/slack/standup-modal.js';
import { ManualClock } from '../../../../src/service/clocks/manual-clock.js';
import { composedMessages } from './composed-messages.js';

interface Manifest {
  features: {
    slash_commands: { command: string; url?: string; should_escape?: boolean }[];
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (file: string) =>
  parse(readFileSync(new URL(`../../../../manifests/slack/${file}`, import.meta.url), 'utf8')) as Manifest;
const manifests = { http: read('manifest.yaml'), socket: read('manifest.socket-mode.yaml') };

// The listeners the real app registers: built offline, never started.
const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used')) });
const adapter = createSlackAdapter({
  config: { signingSecret: '0'.repeat(32), botToken: 'xoxb-manifest-test', apiUrl: 'https://slack.com/api/' },
  service: unused as never,
  store: unused as never,
  installations: unused as never,
  seenRequests: unused as never,
  workspaces: unused as never,
  clock: new ManualClock('2026-12-01T00:00:00Z'),
  requestClock: new ManualClock('2026-12-01T00:00:00Z'),
  logger: pino({ level: 'silent' }),
  chatImport: unused as never,
  offline: { botId: 'B0', botUserId: 'U0' },
});
const registered = adapter.registrations;

describe.each(Object.entries(manifests))(
  'the Slack manifest (%s) matches what the code registers',
  (variant, manifest) => {
    it('declares exactly the slash commands the app listens for, escaped so mentions arrive as ids', () => {
      expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...registered.commands].sort());
      for (const command of manifest.features.slash_commands) expect(command.should_escape).toBe(true);
    });

    it('asks for exactly the bot scopes the code documents and uses', () => {
      expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    });

    it("lets members answer planbot's DMs and see their home: both App Home tabs on, Messages not read-only", () => {
      // DMs are posted to the user id, which lands in the App Home's Messages tab; with the tab off
      // or read-only a member sees the prompt but cannot reply to it (message.im never arrives).
      // The Home tab is published on app_home_opened; with it off Slack never sends that event.
      expect(manifest.features.app_home).toEqual({
        home_tab_enabled: true,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      });
      expect(manifest.settings.event_subscriptions.bot_events).toContain('message.im');
      expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'im:history']));
    });

    it('subscribes to the events the app handles (messages, home opened, uninstall, revoked tokens), with interactivity on', () => {
      expect([...registered.events].sort()).toEqual([
        'app_home_opened',
        'app_uninstalled',
        'message',
        'tokens_revoked',
      ]);
      // `message` arrives through one subscription per kind of conversation; the others are named as they are.
      const subscriptions = registered.events.flatMap((event) =>
        event === 'message' ? ['message.channels', 'message.groups', 'message.im'] : [event],
      );
      expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(subscriptions.sort());
      expect(manifest.settings.interactivity.is_enabled).toBe(true);
    });

    it(
      variant === 'socket'
        ? 'enables Socket Mode and names no URLs'
        : 'sends every request to /slack/events over https',
      () => {
        const urls = [
          ...manifest.features.slash_commands.map((c) => c.url),
          manifest.settings.event_subscriptions.request_url,
          manifest.settings.interactivity.request_url,
        ];
        if (variant === 'socket') {
          expect(manifest.settings.socket_mode_enabled).toBe(true);
          expect(urls.filter(Boolean)).toEqual([]);
        } else {
          expect(manifest.settings.socket_mode_enabled).toBe(false);
          for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
          expect(manifest.oauth_config.redirect_urls).toEqual([
            expect.stringMatching(/^https:\/\/[^/]+\/slack\/oauth_redirect$/),
          ]);
        }
      },
    );
  },
);

describe('ids the renderers emit are the ids the app listens for', () => {
  it('every button in every composed message has a registered action_id', () => {
    const emitted = new Set<string>();
    for (const [, msg] of composedMessages(3, (n) => `item ${n}`)) {
      for (const block of toSlackMessage(msg).blocks) {
        if (block.type === 'actions')
          for (const element of block.elements)
            if ('action_id' in element && element.action_id) emitted.add(element.action_id);
      }
    }
    expect(emitted.size).toBeGreaterThan(3);
    for (const id of emitted) expect(registered.actionIds).toContain(id);
  });

  it('both modals carry a registered callback_id', () => {
    const standup = standupModal(
      {
        memberName: 'Luis',
        planName: 'Sprint',
        tasks: [{ key: 'd3', title: 'Ingest', status: 'todo', overdue: false }],
      },
      '{}',
    );
    for (const view of [standup, importModal('{}')]) expect(registered.callbackIds).toContain(view.callback_id);
  });
});
