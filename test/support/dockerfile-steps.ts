import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, posix, relative } from 'node:path';

/**
 * Runs the Dockerfile's stages without Docker (CI machines have none): each stage is a folder, its
 * COPY lines copy from the repository (minus .dockerignore) or from an earlier stage, and its RUN
 * lines run here. `npm ci` is the one step not run as written: it would fetch hundreds of packages
 * per run, so the stage gets the packages the lockfile says `npm ci` with those `--omit` flags
 * installs (linked from this checkout's node_modules), and then npm's install scripts run for real.
 * A RUN this does not know fails the test, so a changed Dockerfile cannot go untested.
 */
export interface DockerStage {
  name: string;
  dir: string;
  env: Record<string, string>;
  entrypoint: string[];
  workdir: string;
  /** NODE_OPTIONS for processes run in this stage (see `npmCi`). */
  nodeOptions: string;
}

interface Instruction {
  keyword: string;
  args: string;
}

export function dockerfileInstructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Builds every stage of `<repo>/Dockerfile` under `root`; returns them in order (the last is the image). */
export function buildDockerStages(repo: string, root: string): DockerStage[] {
  const ignored = dockerIgnore(repo);
  const stages: DockerStage[] = [];
  let stage: DockerStage | undefined;
  // A path in a stage (relative to its WORKDIR, or absolute under it) as a path in the stage's folder.
  const within = (of: DockerStage, path: string) => {
    const inside = relative(of.workdir, posix.resolve(of.workdir, path));
    if (inside.startsWith('..')) throw new Error(`dockerfile-steps: ${path} is outside WORKDIR ${of.workdir}`);
    return join(of.dir, inside);
  };
  const inStage = (path: string) => within(stage!, path);
  for (const { keyword, args } of dockerfileInstructions(readFileSync(join(repo, 'Dockerfile'), 'utf8'))) {
    switch (keyword) {
      case 'FROM': {
        const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
        stage = { name, dir: join(root, name), workdir: '/', env: {}, entrypoint: [], nodeOptions: '' };
        mkdirSync(stage.dir, { recursive: true });
        stages.push(stage);
        break;
      }
      case 'WORKDIR':
        stage!.workdir = args;
        break;
      case 'ENV':
        for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage!.env[key!] = value!;
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((w) => !w.startsWith('--'));
        const dest = paths.pop()!;
        const source = from ? stages.find((s) => s.name === from)! : undefined;
        for (const path of paths) {
          const src = source ? within(source, path) : join(repo, path);
          const target = paths.length > 1 || dest.endsWith('/') ? join(inStage(dest), basename(path)) : inStage(dest);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(src, target, {
            recursive: true,
            filter: (file) => source !== undefined || !ignored(relative(repo, file)),
          });
        }
        break;
      }
      case 'RUN':
        for (const command of args.split('&&').map((c) => c.trim())) runStep(repo, stage!, command);
        break;
      case 'ENTRYPOINT':
        stage!.entrypoint = JSON.parse(args) as string[];
        break;
      case 'USER':
      case 'VOLUME':
      case 'EXPOSE':
      case 'HEALTHCHECK':
      case 'CMD':
      case 'LABEL':
        // Nothing to build: how the container runs, not what is in it.
        break;
      default:
        throw new Error(
          `dockerfile-steps: no way to follow ${keyword} without Docker; teach test/support/dockerfile-steps.ts`,
        );
    }
  }
  return stages;
}

function runStep(repo: string, stage: DockerStage, command: string): void {
  const words = command.split(/\s+/);
  if (words[0] === 'npm' && words[1] === 'ci') return npmCi(repo, stage, words.slice(2));
  if (words[0] === 'npm' && words[1] === 'run') {
    execFileSync('npm', ['run', '--silent', ...words.slice(2)], {
      cwd: stage.dir,
      env: { ...process.env, ...stage.env },
      stdio: 'pipe',
    });
    return;
  }
  // System housekeeping with no effect on what planbot runs.
  if (/^(npm cache clean|mkdir -p |chown )/.test(command)) return;
  throw new Error(
    `dockerfile-steps: no way to run "${command}" without Docker; teach test/support/dockerfile-steps.ts`,
  );
}

/**
 * `npm ci [--omit=dev] [--omit=optional]`: the packages npm would install, per the lockfile's
 * flags (a `devOptional` package, e.g. the prisma CLI as an optional peer of @prisma/client, is
 * left out only when both dev and optional are), then the package's install scripts. The stage's
 * processes run with --preserve-symlinks, so a linked package resolves its own imports inside the
 * stage's node_modules and cannot reach a package npm would have left out.
 */
function npmCi(repo: string, stage: DockerStage, flags: string[]): void {
  const omit = new Set(flags.filter((f) => f.startsWith('--omit=')).map((f) => f.slice('--omit='.length)));
  const source = realpathSync(join(repo, 'node_modules'));
  const lock = JSON.parse(readFileSync(join(stage.dir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
  };
  const modules = join(stage.dir, 'node_modules');
  if (omit.size === 0) {
    symlinkSync(source, modules);
  } else {
    for (const [path, entry] of Object.entries(lock.packages)) {
      // Top-level packages only: nested node_modules come along inside their parent.
      if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0) continue;
      const left =
        (entry.dev && omit.has('dev')) ||
        (entry.optional && omit.has('optional')) ||
        (entry.devOptional && omit.has('dev') && omit.has('optional'));
      const from = join(repo, 'node_modules', path.slice('node_modules/'.length));
      if (left || !existsSync(from)) continue;
      const to = join(stage.dir, path);
      mkdirSync(dirname(to), { recursive: true });
      symlinkSync(realpathSync(from), to);
    }
    stage.nodeOptions = '--preserve-symlinks';
  }
  const scripts = (JSON.parse(readFileSync(join(stage.dir, 'package.json'), 'utf8')) as { scripts?: object })
    .scripts as Record<string, string> | undefined;
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
    const script = scripts?.[hook];
    if (!script) continue;
    execFileSync('sh', ['-c', script], {
      cwd: stage.dir,
      env: {
        ...process.env,
        ...stage.env,
        NODE_OPTIONS: stage.nodeOptions,
        PATH: `${join(modules, '.bin')}:${process.env.PATH ?? ''}`,
      },
      stdio: 'pipe',
    });
  }
}

/** .dockerignore as Docker reads it: patterns from the context root, `*` within one path segment. */
function dockerIgnore(repo: string): (path: string) => boolean {
  const file = join(repo, '.dockerignore');
  const patterns = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
    : [];
  const regexes = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`),
  );
  return (path) => path !== '' && regexes.some((re) => re.test(path));
}
