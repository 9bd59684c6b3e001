import type { Message } from '../../service/messages/message.js';
import type { OutgoingMessage, SendResult, Sender } from '../../service/ports/sender.js';
import { renderText } from './render-text.js';

export interface ConsoleLine {
  target: string;
  thread: boolean;
  text: string;
}

/**
 * Delivers console-workspace messages by printing them. It never fails, so the outbox, the
 * dispatcher and threading run exactly as they do for Slack and Teams.
 */
export class ConsoleSender implements Sender {
  private sequence = 0;

  constructor(private readonly print: (line: ConsoleLine) => void) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.sequence += 1;
    this.print({
      target: message.target,
      thread: message.parentRef !== undefined,
      text: renderText(message.payload as unknown as Message),
    });
    return { ok: true, ref: `console-${this.sequence}` };
  }
}
