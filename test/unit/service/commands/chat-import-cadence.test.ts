import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render-text.js';
import {
  confirmChatImport,
  previewChatImport,
  type ChatImportDeps,
  type PendingImport,
} from '../../../../src/service/commands/chat-import.js';
import { ManualClock } from '../../../../src/service/clocks/manual-clock.js';
import { FakePlanStore } from '../../../fakes/fake-plan-store.js';
import { seedsDir } from '../../plans/seed-helpers.js';

// A week checklist: tasks by week with owners, no meeting, no triage, no escalation contact.
const seed = `${seedsDir}001_cc008990fe03e237.txt`;
const workspace = { platform: 'slack' as const, externalId: 'T0OPS', name: 'Ops' };
const ctx = { workspace, channel: 'C0OPS', actor: { platform: 'slack' as const, userId: 'U0ADMIN' } };

describe.runIf(existsSync(seed))('importing a plan with no cadence from chat', () => {
  it('warns in the preview and, once imported, says the plan will never prompt anyone', async () => {
    const store = new FakePlanStore();
    let kept: PendingImport | undefined;
    const deps: ChatImportDeps = {
      plans: store,
      versions: store,
      pending: {
        save: async (pending) => ((kept = pending), 'p1'),
        take: async () => kept ?? null,
      },
      clock: new ManualClock('2026-12-01T17:00:00Z'),
    };
    const request = {
      ctx,
      text: readFileSync(seed, 'utf8'),
      fileName: 'ops.md',
      startDate: '2026-12-07',
      isAdmin: true,
    };
    const preview = renderText(await previewChatImport(deps, request));
    expect(preview).toContain('no stand-up, no triage and no escalation ladder');
    expect(preview).toContain('kind: standup, localTime: "09:30"');

    const reply = renderText(await confirmChatImport(deps, ctx, 'p1', true));
    expect(reply).toContain('Imported *Operations & Infrastructure Division');
    expect(reply).toContain('it will never prompt anyone until you add `rituals:` to the document');
  });
});
