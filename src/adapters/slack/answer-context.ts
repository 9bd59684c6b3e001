import type { PrismaClient } from '../../store/database.js';

/** Rituals whose posts invite free-text answers. */
const ANSWERED = new Set(['standup', 'weekend_checkin']);
// A DM prompt is answerable for a day: the next stand-up replaces it.
const DM_PROMPT_WINDOW_MS = 24 * 3_600_000;

/**
 * Is a Slack message an answer to one of planbot's prompts? People talk in threads and DMs all
 * day; only a reply in the thread of a stand-up or check-in post, or a DM to someone planbot
 * prompted by DM in the last day, is read as a stand-up answer. Everything else is left alone
 * (no reply, no blocker opened from a stray "blocker: …").
 */
export async function isPromptAnswer(
  db: PrismaClient,
  message: { channel: string; user: string; threadTs?: string; inDm: boolean },
  now: Date,
): Promise<boolean> {
  if (message.threadTs) {
    const prompt = await db.outboxMessage.findFirst({
      where: { platform: 'slack', platformRef: message.threadTs, idempotencyKey: { startsWith: 'occurrence:' } },
      select: { idempotencyKey: true },
    });
    if (prompt && (await answeredRitual(db, prompt.idempotencyKey))) return true;
  }
  if (!message.inDm) return false;
  const prompt = await db.outboxMessage.findFirst({
    where: {
      platform: 'slack',
      target: message.user,
      status: 'sent',
      idempotencyKey: { startsWith: 'occurrence:' },
      sentAt: { gte: new Date(now.getTime() - DM_PROMPT_WINDOW_MS) },
    },
    orderBy: { seq: 'desc' },
    select: { idempotencyKey: true },
  });
  return prompt !== null && (await answeredRitual(db, prompt.idempotencyKey));
}

/** `occurrence:<ritual id>:<instant>[:…]` → is that ritual one people answer? */
async function answeredRitual(db: PrismaClient, key: string): Promise<boolean> {
  const ritualId = key.split(':')[1];
  if (!ritualId || !/^[0-9a-f-]{36}$/i.test(ritualId)) return false;
  const ritual = await db.ritual.findUnique({ where: { id: ritualId }, select: { kind: true } });
  return ritual !== null && ANSWERED.has(ritual.kind);
}
