import { TurnContext } from 'botbuilder';
import { parseCommandText, type ParseResult } from '../../service/commands/parse-command.js';

/**
 * The command a Teams message asks for. Teams has no slash commands: people write `plan blockers`,
 * `@planbot blockers` in a channel (Teams sends the mention as `<at>planbot</at>`, removed here),
 * or just `blockers` in the 1:1 chat; the manifest's command list inserts the same words. The
 * neutral parser strips a leading `plan` / `/plan` itself, so all three read the same.
 */
export function parseTeamsMessage(context: TurnContext): ParseResult {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  // Teams wraps text in HTML when the user formats it, and escapes the few entities it uses.
  return parseCommandText(decodeTeamsText(text));
}

function decodeTeamsText(text: string): string {
  return text
    .replace(/<(?!\/?at>)[^>]*>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
