import type { Interface } from 'node:readline';
import { isPlanError } from '../../domain/plan-error.js';
import { parseCommandText } from '../../service/commands/parse-command.js';
import { errorReply } from '../../service/messages/error-reply.js';
import type { PlanService } from '../../service/plan-service.js';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import { consoleWorkspace } from '../../service/read-model/workspace-ref.js';
import { renderText } from './render-text.js';

export interface ConsoleSessionOptions {
  service: PlanService;
  lines: Interface;
  out: (text: string) => void;
  /** Member key the commands run as (`--as`); `/as <member>` or `/plan link "Name"` switches. */
  as: string;
  channel: string;
  /** The plan id the commands are about (`--plan`), whatever the channel. */
  plan?: string;
  /** Runs after each command, so what it queued is delivered before the next prompt. */
  afterCommand: () => Promise<void>;
}

/**
 * The local console: `/plan …` commands typed as a chosen plan member, answered by the same
 * PlanService the chat adapters use. Resolves when input ends (Ctrl-D, or a closed stdin), with
 * how many lines were typed.
 */
export async function runConsoleSession(options: ConsoleSessionOptions): Promise<number> {
  let as = options.as;
  let typed = 0;
  const context = (): ChatContext => ({
    workspace: consoleWorkspace,
    channel: options.channel,
    ...(options.plan ? { planId: options.plan } : {}),
    actor: { platform: 'console', userId: as },
  });
  // The console has no accounts: linking yourself to a member, or `/as`, is acting as them.
  const become = async (name: string) => {
    try {
      const member = await options.service.memberNamed(context(), name);
      as = member.key;
      options.out(`Now acting as ${member.displayName} ("${member.key}").`);
    } catch (error) {
      if (!isPlanError(error)) throw error;
      options.out(renderText(errorReply({ code: error.code, message: error.message })));
    }
  };
  options.out(
    `Console: commands run as "${as}" in #${options.channel}. Try /plan help, /plan today, /plan status; /as <member> or /plan link "Name" switches who you are, Ctrl-D quits.`,
  );
  for await (const raw of options.lines) {
    typed += 1;
    const line = raw.trim();
    if (line === '') continue;
    const switchTo = /^\/as\s+(.+)$/.exec(line)?.[1];
    if (switchTo) {
      await become(switchTo);
      continue;
    }
    const parsed = parseCommandText(line);
    if (!parsed.ok) {
      options.out(parsed.error);
      continue;
    }
    if (parsed.command.name === 'link') {
      if (parsed.command.args.platformUser === undefined) await become(parsed.command.args.memberName);
      else
        options.out(
          'The console has no accounts to link: `/plan link "Name"` or `/as <member>` makes you that member.',
        );
      continue;
    }
    const reply = await options.service.handle(context(), parsed.command);
    options.out(renderText(reply));
    await options.afterCommand();
  }
  return typed;
}
