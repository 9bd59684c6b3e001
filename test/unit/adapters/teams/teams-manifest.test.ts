import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import nock from 'nock';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCENT,
  COLOR_SIZE,
  drawColorIcon,
  drawOutlineIcon,
  OUTLINE_SIZE,
} from '../../../../scripts/make-teams-icons.js';
import {
  buildTeamsPackage,
  MANIFEST_DIR,
  PLACEHOLDER_APP_ID,
  TeamsPackageError,
} from '../../../../scripts/teams-package.js';
import { COMMAND_NAMES, COMMAND_SPECS, type CommandName } from '../../../../src/service/commands/command.js';
import { parseCommandText } from '../../../../src/service/commands/parse-command.js';
import { readZip } from './read-zip.js';

interface CommandList {
  scopes: string[];
  commands: { title: string; description?: string }[];
}
type Manifest = TeamsManifest & {
  bots: { botId: string; scopes: string[]; commandLists: CommandList[] }[];
  accentColor: string;
};

const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as Manifest;
const readPng = (file: string): PNG => PNG.sync.read(readFileSync(join(MANIFEST_DIR, file)));
const APP_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

/** Each listed command typed in full, as a user completes it after picking it from the list. */
const EXAMPLES: Record<CommandName, string> = {
  help: 'help standup',
  today: 'today',
  status: 'status',
  blockers: 'blockers',
  block: 'block d3 waiting on GA4 keys',
  ack: 'ack 12 on it',
  resolve: 'resolve 12 keys arrived',
  escalate: 'escalate 12',
  done: 'done d3',
  standup: 'standup did: wired GA4 doing: backfill blockers: none',
  schedule: 'schedule',
  replan: 'replan approve 3',
  link: 'link "Luis Ortega"',
  report: 'report 2',
  away: 'away dec 10 to dec 12',
  back: 'back',
  holiday: 'holiday dec 24 Christmas Eve',
  home: 'home',
};

let work: string;
beforeAll(() => {
  // Validation must be offline: the schema is bundled; any fetch would fail the test.
  nock.disableNetConnect();
  work = mkdtempSync(join(tmpdir(), 'planbot-teams-'));
});
afterAll(() => {
  nock.enableNetConnect();
  rmSync(work, { recursive: true, force: true });
});

describe('Teams app manifest', () => {
  it('validates against the newest bundled schema (v1.30) with no errors', async () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.30');
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
  });

  it('the validator is really checking: a non-GUID bot id is reported', async () => {
    const broken = structuredClone(manifest);
    broken.bots[0]!.botId = '{{MICROSOFT_APP_ID}}';
    expect((await AppManifestUtils.validateAgainstSchema(broken)).join('\n')).toContain(
      '/bots/0/botId must match pattern',
    );
  });

  it('has a bot in personal, team and group chat scopes, each with a command list of at most 10', () => {
    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(PLACEHOLDER_APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of bot.commandLists) expect(list.commands.length).toBeLessThanOrEqual(10);
    expect(manifest.accentColor.toLowerCase()).toBe(
      `#${[ACCENT.r, ACCENT.g, ACCENT.b].map((c) => c.toString(16).padStart(2, '0')).join('')}`,
    );
  });

  it('lists only real planbot commands, each described as help describes it, and each parses once filled in', () => {
    for (const list of manifest.bots[0]!.commandLists) {
      for (const command of list.commands) {
        const name = command.title as CommandName;
        expect(COMMAND_NAMES).toContain(name);
        expect(command.description).toContain(COMMAND_SPECS[name].summary);
        // The title is what Teams inserts; alone it is the command or a usage hint for it, never "I don't know".
        const bare = parseCommandText(command.title);
        if (bare.ok) expect(bare.command.name).toBe(name);
        else expect(bare.error).toContain(`Usage: /plan ${COMMAND_SPECS[name].usage}`);
        const full = parseCommandText(EXAMPLES[name]);
        expect(full.ok && full.command.name).toBe(name);
        // In a channel the user's message arrives as "<at>planbot</at> …".
        const mentioned = parseCommandText(`<at>planbot</at> ${EXAMPLES[name]}`);
        expect(mentioned.ok && mentioned.command.name).toBe(name);
      }
    }
    const listed = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    // Ten fit a list; escalate and replan are buttons on the cards, link is one-time set-up, report a
    // lead's weekly look; away, back and holiday are typed (`plan away dec 10`), as help lists them.
    // In the 1:1 chat `home` takes ack's place: there ack is the escalation card's and the home's button.
    expect(COMMAND_NAMES.filter((name) => !listed.includes(name))).toEqual([
      'ack',
      'escalate',
      'replan',
      'link',
      'report',
      'away',
      'back',
      'holiday',
    ]);
    expect(listed).toContain('home');
  });
});

describe('Teams app icons', () => {
  it(`color.png is ${COLOR_SIZE}×${COLOR_SIZE} and opaque, and is what make-teams-icons draws`, () => {
    const color = readPng('color.png');
    expect([color.width, color.height]).toEqual([COLOR_SIZE, COLOR_SIZE]);
    const alphas = new Set<number>();
    for (let i = 3; i < color.data.length; i += 4) alphas.add(color.data[i] ?? -1);
    expect([...alphas]).toEqual([255]);
    expect(Buffer.compare(color.data, drawColorIcon().data)).toBe(0);
  });

  it(`outline.png is ${OUTLINE_SIZE}×${OUTLINE_SIZE}, white on transparent only, with a visible glyph, and is what make-teams-icons draws`, () => {
    const outline = readPng('outline.png');
    expect([outline.width, outline.height]).toEqual([OUTLINE_SIZE, OUTLINE_SIZE]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque += 1;
    }
    expect(transparent).toBeGreaterThan(OUTLINE_SIZE * OUTLINE_SIZE * 0.5);
    expect(opaque).toBeGreaterThan(50);
    expect(Buffer.compare(outline.data, drawOutlineIcon().data)).toBe(0);
  });
});

describe('teams:package (buildTeamsPackage)', () => {
  it('writes a zip with manifest.json (bot id substituted) and both icons at its root', async () => {
    const outFile = join(work, 'planbot-teams.zip');
    const built = await buildTeamsPackage({ appId: APP_ID.toUpperCase(), outFile, version: '1.2.3' });
    const zip = readFileSync(outFile);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const entries = readZip(zip);
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(packed).toEqual(built.manifest);
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots[0]!.botId).toBe(APP_ID);
    expect(packed.version).toBe('1.2.3');
    expect(packed.bots[0]!.commandLists).toEqual(manifest.bots[0]!.commandLists);
    expect(await AppManifestUtils.validateAgainstSchema(packed)).toEqual([]);
    expect(entries.get('color.png')!.equals(readFileSync(join(MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(entries.get('outline.png')!.equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  });

  it('points developer links and validDomains at PLANBOT_PUBLIC_URL when given', async () => {
    const built = await buildTeamsPackage({
      appId: APP_ID,
      outFile: join(work, 'with-url.zip'),
      publicUrl: 'https://planbot.acme.test/',
    });
    expect(built.manifest.developer).toMatchObject({
      websiteUrl: 'https://planbot.acme.test',
      privacyUrl: 'https://planbot.acme.test/privacy',
      termsOfUseUrl: 'https://planbot.acme.test/terms',
    });
    expect(built.manifest.validDomains).toEqual(['planbot.acme.test']);
  });

  it.each([
    [undefined, 'MICROSOFT_APP_ID is not set'],
    ['  ', 'MICROSOFT_APP_ID is not set'],
    ['my-bot', 'MICROSOFT_APP_ID "my-bot" is not a GUID'],
    [PLACEHOLDER_APP_ID, 'all-zero placeholder'],
  ])('refuses app id %j with a message saying what to set', async (appId, message) => {
    const outFile = join(work, 'refused.zip');
    await expect(buildTeamsPackage({ appId, outFile })).rejects.toThrow(TeamsPackageError);
    await expect(buildTeamsPackage({ appId, outFile })).rejects.toThrow(message);
    expect(() => readFileSync(outFile)).toThrow();
  });

  it('refuses a public URL that is not https', async () => {
    await expect(
      buildTeamsPackage({ appId: APP_ID, outFile: join(work, 'x.zip'), publicUrl: 'http://planbot.acme.test' }),
    ).rejects.toThrow('must be an https URL');
  });
});
