import { describePagerDutyEvent, isPagerDutyEvent } from '../../service/messages/pagerduty-event.js';
import type { OutgoingMessage, SendResult, Sender } from '../../service/ports/sender.js';

/**
 * Stands in for PagerDuty where nothing may be paged (`planbot simulate`, the console): prints
 * each event as one line of the transcript, so a reader sees when the ladder would page and resolve.
 */
export class PagerDutyTranscriptSender implements Sender {
  constructor(private readonly print: (line: { target: string; thread: boolean; text: string }) => void) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!isPagerDutyEvent(message.payload))
      return { ok: false, kind: 'permanent', reason: 'Not a PagerDuty event; nothing was paged.' };
    this.print({ target: 'PagerDuty', thread: false, text: describePagerDutyEvent(message.payload) });
    return { ok: true, ref: message.payload.dedup_key };
  }
}
