import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { FULL_CHART_SIZE } from '../../charts/chart-sizes.js';
import type { ChartRef } from '../../service/messages/message.js';
import type { ChartImages } from '../../service/ports/chart-renderer.js';

export interface ChartUpload {
  client: WebClient;
  charts: ChartImages;
  ref: ChartRef;
  /** Where the message it belongs to was posted: the picture goes in that message's thread. */
  channel: string;
  threadTs: string;
  outboxId: string;
  logger?: Logger | undefined;
}

/**
 * Draws a message's chart and uploads it into the message's thread (files.uploadV2: an upload
 * URL, the bytes, then completeUploadExternal with the channel and thread). Best effort, by
 * design: the message itself is already posted, and retrying the outbox row would post it twice,
 * so a chart that cannot be drawn or uploaded is logged with the outbox id and left out.
 */
export async function uploadChart(upload: ChartUpload): Promise<boolean> {
  const { ref } = upload;
  try {
    const png = await upload.charts.png(ref, FULL_CHART_SIZE);
    await upload.client.filesUploadV2({
      channel_id: upload.channel,
      thread_ts: upload.threadTs,
      file: Buffer.from(png),
      filename: `plan-chart-${ref.from}.png`,
      title: `Plan chart, ${ref.from} to ${ref.to}`,
      alt_text: `Tasks planned and done each day from ${ref.from} to ${ref.to}, and the burn-up by plan week`,
    });
    return true;
  } catch (error) {
    upload.logger?.warn(
      { outboxId: upload.outboxId, channel: upload.channel, err: error },
      'the plan chart could not be uploaded to slack (files:write scope?); the message went out without it',
    );
    return false;
  }
}
