import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { confirmChatImport, previewChatImport, type ChatImportDeps } from '../../src/service/commands/chat-import.js';
import type { ChatContext } from '../../src/service/read-model/chat-context.js';
import { linkChatUser } from '../../src/service/commands/email-link.js';
import type { Message } from '../../src/service/messages/message.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const planText = readFileSync(new URL('../../examples/launch-sprint.md', import.meta.url), 'utf8');
const workspace = { platform: 'slack' as const, externalId: 'T0IMPORT', name: 'Import test' };
const ctx = (userId: string, channel = 'C0CHECKOUT'): ChatContext => ({
  workspace,
  channel,
  actor: { platform: 'slack', userId },
});
const importId = (reply: Message) =>
  reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : [])).find((a) => a.id === 'plan_import_confirm')
    ?.value;

describe.each(storeKinds())('importing a plan from chat (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let deps: ChatImportDeps;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db, '2026-12-01T17:00:00Z');
    deps = app.chatImport;
  });
  afterAll(() => db.close());

  it('refuses the first plan of a workspace to anyone but an admin, storing nothing', async () => {
    const reply = await previewChatImport(deps, {
      ctx: ctx('U0RANDOM'),
      text: planText,
      fileName: 'launch-sprint.md',
      startDate: '2026-12-07',
      isAdmin: false,
    });
    expect(reply.kind).toBe('error');
    expect(renderText(reply)).toMatch(/lead or sponsor of this plan, or a workspace admin/);
    expect(await db.prisma.pendingImport.count()).toBe(0);
  });

  it('explains a broken document with its line, storing nothing', async () => {
    const reply = await previewChatImport(deps, {
      ctx: ctx('U0ADMIN'),
      text: '# Empty plan\n\nNo tasks here.',
      fileName: 'broken.md',
      isAdmin: true,
    });
    expect(reply.kind).toBe('error');
    expect(renderText(reply)).toMatch(/broken\.md/);
    expect(await db.prisma.pendingImport.count()).toBe(0);
  });

  it('previews for an admin, imports on the button once, into the channel it came from', async () => {
    const preview = await previewChatImport(deps, {
      ctx: ctx('U0ADMIN'),
      text: planText,
      fileName: 'launch-sprint.md',
      startDate: '2026-12-07',
      isAdmin: true,
    });
    expect(preview.ephemeral).toBe(true);
    expect(renderText(preview)).toMatch(/Mobile Checkout Relaunch/);
    expect(renderText(preview)).toMatch(/Escalation ladder/);
    expect(await app.store.listPlans(workspace)).toEqual([]);

    const id = importId(preview)!;
    // Another workspace cannot use this workspace's preview.
    const stranger = await confirmChatImport(
      deps,
      { ...ctx('U0ADMIN'), workspace: { ...workspace, externalId: 'T0OTHER' } },
      id,
      true,
    );
    expect(stranger.kind).toBe('error');

    const done = await confirmChatImport(deps, ctx('U0ADMIN'), id, true);
    expect(done.text).toMatch(/Imported \*Mobile Checkout Relaunch.*\* \(version 1\): 14 tasks/);
    expect(await app.store.listPlans(workspace)).toEqual([
      expect.objectContaining({ name: 'Mobile Checkout Relaunch · Two-Week Sprint', channel: 'C0CHECKOUT' }),
    ]);
    const again = await confirmChatImport(deps, ctx('U0ADMIN'), id, true);
    expect(renderText(again)).toMatch(/expired or was already used/);
  });

  it("lets the plan's lead re-import (re-baseline) without admin rights, but not a member", async () => {
    await linkChatUser(app.store, ctx('U0DANA'), { email: 'dana@example.com' }, app.clock.now());
    const member = await previewChatImport(deps, {
      ctx: ctx('U0PRIYA'),
      text: planText,
      fileName: 'launch-sprint.md',
      startDate: '2026-12-07',
      isAdmin: false,
    });
    expect(member.kind).toBe('error');
    const preview = await previewChatImport(deps, {
      ctx: ctx('U0DANA'),
      text: planText.replace('Run checkout load tests at 3× peak', 'Run checkout load tests at 5× peak'),
      fileName: 'launch-sprint.md',
      startDate: '2026-12-07',
      isAdmin: false,
    });
    const done = await confirmChatImport(deps, ctx('U0DANA'), importId(preview)!, false);
    expect(renderText(done)).toMatch(/version 2.*Re-baselined from version 1/);
  });

  it("does not let the lead of one plan re-baseline another by naming a document after it, nor move a plan's channel", async () => {
    const heron = (lead: string) => `
name: Heron migration
timezone: UTC
startDate: 2026-12-07
members:
  - { key: hl, name: Heron Lead, roles: [lead], slackId: ${lead} }
  - { key: hd, name: Heron Dev, roles: [member], slackId: U0HDEV }
tasks:
  - { key: h1, title: Move the queue, owner: hd, day: 1 }
`;
    const admin = await previewChatImport(deps, {
      ctx: ctx('U0ADMIN', 'C0HERON'),
      text: heron('U0HLEAD'),
      fileName: 'heron.yaml',
      isAdmin: true,
    });
    await confirmChatImport(deps, ctx('U0ADMIN', 'C0HERON'), importId(admin)!, true);
    const heronPlan = async () => (await app.store.listPlans(workspace)).find((p) => p.name === 'Heron migration')!;
    const before = await heronPlan();

    // Dana leads the checkout plan in C0CHECKOUT; a document named "Heron migration" that makes her its lead.
    const takeover = await previewChatImport(deps, {
      ctx: ctx('U0DANA'),
      text: heron('U0DANA'),
      fileName: 'heron.yaml',
      isAdmin: false,
    });
    expect(takeover.kind).toBe('error');
    expect(renderText(takeover)).toMatch(
      /A plan named "Heron migration" already runs in this workspace.*only its leads and sponsors or a workspace admin/,
    );
    expect(await db.prisma.pendingImport.count()).toBe(0);
    expect(await heronPlan()).toEqual(before);

    // Heron's own lead re-imports it from another channel: the preview says so, and the plan stays in C0HERON.
    const own = await previewChatImport(deps, {
      ctx: ctx('U0HLEAD', 'C0CHECKOUT'),
      text: heron('U0HLEAD').replace('Move the queue', 'Move the queue and the DLQ'),
      fileName: 'heron.yaml',
      isAdmin: false,
    });
    expect(renderText(own)).toMatch(
      /Heron migration\* already runs here \(version 1\)\. Importing re-baselines it.*It runs in another channel and stays there: importing from here does not move it\./,
    );
    const done = await confirmChatImport(deps, ctx('U0HLEAD', 'C0CHECKOUT'), importId(own)!, false);
    expect(renderText(done)).toMatch(/version 2/);
    expect(await heronPlan()).toMatchObject({ channel: 'C0HERON', stamp: { version: 2 } });
    const rituals = await db.prisma.ritual.findMany({ where: { plan: { name: 'Heron migration' } } });
    expect(rituals.map((r) => r.channel).filter((c) => c !== 'C0HERON')).toEqual([]);
  });

  it('lets a preview expire after 30 minutes', async () => {
    const preview = await previewChatImport(deps, {
      ctx: ctx('U0ADMIN'),
      text: planText,
      fileName: 'launch-sprint.md',
      startDate: '2026-12-07',
      isAdmin: true,
    });
    app.clock.advance(31 * 60_000);
    expect(renderText(await confirmChatImport(deps, ctx('U0ADMIN'), importId(preview)!, true))).toMatch(/expired/);
  });
});
