import { buttonCommandLine } from '../../service/commands/button-command.js';
import { displaySafe } from '../../service/messages/message-safety.js';
import type { Message, MessageBlock } from '../../service/messages/message.js';

/** A neutral message as terminal text: what `planbot simulate` prints and the console shows. */
export function renderText(raw: Message): string {
  const message = displaySafe(raw);
  return (
    message.blocks
      .map(renderBlock)
      .filter((line) => line !== '')
      .join('\n') || message.text
  );
}

function renderBlock(block: MessageBlock): string {
  switch (block.type) {
    case 'header':
      return `== ${block.text} ==`;
    case 'section':
    case 'context':
      return block.text;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('  ·  ');
    case 'list':
      return block.items.map((item) => `  • ${item}`).join('\n');
    case 'divider':
      return '';
    case 'actions':
      // Buttons become the command that does the same, so a console user can act on them.
      return `  ${block.actions.map((a) => `[${a.label}: /plan ${buttonCommandLine(a.id, a.value)}]`).join(' ')}`;
  }
}
