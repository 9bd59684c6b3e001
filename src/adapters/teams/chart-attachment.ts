import { TEAMS_CHART_SIZE } from '../../charts/chart-sizes.js';
import type { Logger } from '../../logger.js';
import type { ChartRef } from '../../service/messages/message.js';
import type { ChartImages } from '../../service/ports/chart-renderer.js';

/** An inline image on a message activity: Teams draws it in the conversation, stored nowhere. */
export interface ImageAttachment {
  contentType: 'image/png';
  contentUrl: string;
  name: string;
}

/**
 * A message's chart as an inline image attachment next to its Adaptive Card, the bytes in a
 * base64 data URI. Not an `Image` element inside the card: Teams desktop and web have not drawn
 * data-URI images in cards (MicrosoftDocs/msteams-docs#4095, #5355), while inline image
 * attachments are the documented way to send bytes a bot drew itself, and base64 images do not
 * count against the bot message size limit (the sender still resends without the picture should
 * Teams answer 413). Null when it cannot be drawn: the memo goes out without its picture.
 */
export async function chartAttachment(
  charts: ChartImages,
  ref: ChartRef,
  context: { outboxId: string; logger?: Logger | undefined },
): Promise<ImageAttachment | null> {
  try {
    const png = await charts.png(ref, TEAMS_CHART_SIZE);
    return {
      contentType: 'image/png',
      contentUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
      name: `plan-chart-${ref.from}.png`,
    };
  } catch (error) {
    context.logger?.warn(
      { outboxId: context.outboxId, err: error },
      'the plan chart could not be drawn for teams; the message goes out without it',
    );
    return null;
  }
}
