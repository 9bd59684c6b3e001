import type { Interface } from 'node:readline';
import { parseCommandText } from '../../service/commands/parse-command.js';
import type { PlanService } from '../../service/plan-service.js';
import { consoleWorkspace } from '../../service/read-model/workspace-ref.js';
import { renderText } from './render-text.js';

export interface ConsoleSessionOptions {
  service: PlanService;
  lines: Interface;
  out: (text: string) => void;
  /** Member key the commands run as (`--as`); `/as <key>` switches. */
  as: string;
  channel: string;
  /** Runs after each command, so what it queued is delivered before the next prompt. */
  afterCommand: () => Promise<void>;
}

/**
 * The local console: `/plan …` commands typed as a chosen plan member, answered by the same
 * PlanService the chat adapters use. Resolves when input ends (Ctrl-D, or a closed stdin).
 */
export async function runConsoleSession(options: ConsoleSessionOptions): Promise<void> {
  let as = options.as;
  options.out(
    `Console: commands run as "${as}" in #${options.channel}. Try /plan help, /plan today, /plan status; /as <member> switches, Ctrl-D quits.`,
  );
  for await (const raw of options.lines) {
    const line = raw.trim();
    if (line === '') continue;
    const switchTo = /^\/as\s+(\S+)$/.exec(line)?.[1];
    if (switchTo) {
      as = switchTo;
      options.out(`Now acting as "${as}".`);
      continue;
    }
    const parsed = parseCommandText(line);
    if (!parsed.ok) {
      options.out(parsed.error);
      continue;
    }
    const reply = await options.service.handle(
      { workspace: consoleWorkspace, channel: options.channel, actor: { platform: 'console', userId: as } },
      parsed.command,
    );
    options.out(renderText(reply));
    await options.afterCommand();
  }
}
