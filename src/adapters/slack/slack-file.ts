import { MAX_PLAN_BYTES } from '../../plans/plan-text-guard.js';

export type PlanFile = { ok: true; name: string; text: string } | { ok: false; error: string };

const PLAN_EXTENSIONS = /\.(md|markdown|txt|ya?ml|json)$/i;

/**
 * Downloads a plan file a lead uploaded with "plan import". Only from Slack's file host, with
 * the bot token (files are private), and only plan-sized text files: the URL comes from an event
 * payload, so it must not make planbot fetch arbitrary addresses.
 */
export async function fetchPlanFile(files: unknown[] | undefined, botToken: string | undefined): Promise<PlanFile> {
  const file = (files ?? [])[0] as
    { name?: string; size?: number; url_private_download?: string; url_private?: string } | undefined;
  if (!file)
    return {
      ok: false,
      error: 'Attach the plan file (Markdown, YAML or JSON) to the message that says "plan import".',
    };
  const name = file.name ?? 'plan';
  if (!PLAN_EXTENSIONS.test(name))
    return { ok: false, error: `${name} is not a plan file: upload a .md, .yaml or .json document.` };
  if ((file.size ?? 0) > MAX_PLAN_BYTES)
    return {
      ok: false,
      error: `${name} is ${Math.round((file.size ?? 0) / 1024)} KB; plans are limited to ${MAX_PLAN_BYTES / 1024 / 1024} MB.`,
    };
  const url = file.url_private_download ?? file.url_private;
  if (!url || !isSlackFileUrl(url))
    return { ok: false, error: `Slack did not give a download link for ${name}; upload it again.` };
  if (!botToken) return { ok: false, error: 'planbot has no token for this workspace; reinstall the app.' };
  let body: ArrayBuffer;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${botToken}` },
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok)
      return {
        ok: false,
        error: `Could not download ${name} from Slack (HTTP ${response.status}); check planbot has the files:read scope.`,
      };
    body = await response.arrayBuffer();
  } catch {
    // A timeout, a reset, or a redirect away from Slack's file host: the uploader still hears back.
    return { ok: false, error: `Could not download ${name} from Slack; try uploading it again in a minute.` };
  }
  if (body.byteLength > MAX_PLAN_BYTES)
    return { ok: false, error: `${name} is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MB.` };
  return { ok: true, name, text: new TextDecoder('utf-8').decode(body) };
}

function isSlackFileUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' && (parsed.hostname === 'files.slack.com' || parsed.hostname.endsWith('.slack.com'))
    );
  } catch {
    return false;
  }
}
