import type { Message, MessageBlock } from './message.js';

// C0 and C1 controls except tab, newline and carriage return, plus the bidirectional overrides
// and isolates: a BEL, an ESC sequence or a right-to-left override in a task title would ring,
// repaint a terminal, or make "exe.txt" read as "txt.exe" in chat.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text a person wrote, without characters that act instead of show. */
export function stripControls(text: string): string {
  return text.replace(CONTROL, '');
}

/** The same message with every shown string cleaned; adapters render this, never the raw one. */
export function displaySafe(message: Message): Message {
  return { ...message, text: stripControls(message.text), blocks: message.blocks.map(safeBlock) };
}

function safeBlock(block: MessageBlock): MessageBlock {
  switch (block.type) {
    case 'header':
    case 'section':
    case 'context':
      return { ...block, text: stripControls(block.text) };
    case 'fields':
      return {
        ...block,
        fields: block.fields.map((f) => ({ label: stripControls(f.label), value: stripControls(f.value) })),
      };
    case 'list':
      return { ...block, items: block.items.map(stripControls) };
    case 'actions':
      return { ...block, actions: block.actions.map((a) => ({ ...a, label: stripControls(a.label) })) };
    case 'divider':
      return block;
  }
}
