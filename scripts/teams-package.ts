// Builds the Teams app package (dist/teams/planbot-teams.zip): manifest.json with this
// deployment's bot id, plus the two icons, at the zip root — what Teams Admin or "Upload a custom
// app" accepts. Run: MICROSOFT_APP_ID=<guid> npm run teams:package
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import yazl from 'yazl';
import { z } from 'zod';

const root = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

export const MANIFEST_DIR = root('manifests/teams');
export const DEFAULT_OUT_FILE = root('dist/teams/planbot-teams.zip');
/** The committed manifest carries this GUID so it validates as it is; packaging replaces it. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const PACKAGE_ENTRIES = ['manifest.json', 'color.png', 'outline.png'] as const;
// A fixed timestamp keeps the zip byte-for-byte reproducible for the same inputs.
const ZIP_MTIME = new Date('2026-01-01T00:00:00Z');

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

/** Same rule as config.ts (z.uuid) so a value the server accepts is one the package accepts. */
const appIdSchema = z.uuid();

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (Azure Bot registration); also used as the Teams app id. */
  appId: string | undefined;
  outFile?: string;
  /** Where planbot is reachable (https://host): developer links and validDomains point there. */
  publicUrl?: string | undefined;
  /** The app version Teams shows; it must grow for Teams to take an update. */
  version?: string;
}

export interface TeamsPackage {
  outFile: string;
  /** Exactly what was written to manifest.json in the zip. */
  manifest: TeamsManifest;
  entries: readonly string[];
}

function checkedAppId(appId: string | undefined): string {
  const value = appId?.trim() ?? '';
  if (value === '') {
    throw new TeamsPackageError(
      'MICROSOFT_APP_ID is not set. Set it to the Microsoft App ID of your Azure Bot registration (a GUID), e.g. MICROSOFT_APP_ID=… npm run teams:package',
    );
  }
  if (!appIdSchema.safeParse(value).success) {
    throw new TeamsPackageError(
      `MICROSOFT_APP_ID "${value.slice(0, 60)}" is not a GUID. Copy the "Microsoft App ID" from the Azure Bot's Configuration page (like 1b4e28ba-2fa1-41d2-883f-0016d3cca427).`,
    );
  }
  if (value === PLACEHOLDER_APP_ID)
    throw new TeamsPackageError(
      'MICROSOFT_APP_ID is the all-zero placeholder; set the real Microsoft App ID of your bot.',
    );
  return value.toLowerCase();
}

function publicOrigin(publicUrl: string | undefined): URL | undefined {
  if (publicUrl === undefined || publicUrl.trim() === '') return undefined;
  const parsed = z.url({ protocol: /^https$/ }).safeParse(publicUrl.trim());
  if (!parsed.success)
    throw new TeamsPackageError(
      `PLANBOT_PUBLIC_URL "${publicUrl.slice(0, 100)}" must be an https URL such as https://planbot.example.org`,
    );
  return new URL(parsed.data);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** The committed manifest with this deployment's ids, links and version. */
export function teamsManifestFor(options: Pick<TeamsPackageOptions, 'appId' | 'publicUrl' | 'version'>): TeamsManifest {
  const appId = checkedAppId(options.appId);
  const origin = publicOrigin(options.publicUrl);
  const manifest = JSON.parse(readFileSync(`${MANIFEST_DIR}/manifest.json`, 'utf8')) as TeamsManifest & {
    developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
    bots?: { botId: string }[];
    validDomains?: string[];
  };
  manifest.id = appId;
  for (const bot of manifest.bots ?? []) bot.botId = appId;
  manifest.version = options.version ?? packageVersion();
  if (origin !== undefined) {
    const base = origin.href.replace(/\/$/, '');
    manifest.developer.websiteUrl = base;
    manifest.developer.privacyUrl = `${base}/privacy`;
    manifest.developer.termsOfUseUrl = `${base}/terms`;
    manifest.validDomains = [origin.host];
  }
  return manifest;
}

/** Validates the substituted manifest offline and writes the zip. */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<TeamsPackage> {
  const manifest = teamsManifestFor(options);
  const problems = await AppManifestUtils.validateAgainstSchema(manifest);
  if (problems.length > 0)
    throw new TeamsPackageError(`The Teams manifest is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;
  mkdirSync(dirname(outFile), { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json', { mtime: ZIP_MTIME });
  zip.addBuffer(readFileSync(`${MANIFEST_DIR}/color.png`), 'color.png', { mtime: ZIP_MTIME });
  zip.addBuffer(readFileSync(`${MANIFEST_DIR}/outline.png`), 'outline.png', { mtime: ZIP_MTIME });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(outFile));
  return { outFile, manifest, entries: PACKAGE_ENTRIES };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = await buildTeamsPackage({
      appId: process.env.MICROSOFT_APP_ID,
      publicUrl: process.env.PLANBOT_PUBLIC_URL,
    });
    process.stdout.write(
      `wrote ${built.outFile} (bot ${built.manifest.id}, version ${built.manifest.version})\nUpload it in Teams: Apps → Manage your apps → Upload an app, or in the Teams admin center.\n`,
    );
  } catch (error) {
    process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
