import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type { ClosableMigrationFactory } from './atomic-script-adapters.js';

type WasmExports = Record<string, unknown>;
type EngineModule = { SchemaEngine: typeof SchemaEngine; __wbg_set_wasm(exports: WasmExports): void };

// @types/node 20 does not declare the WebAssembly global; this is the slice used here.
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: Record<string, unknown>) => { exports: WasmExports };
    };
  }
).WebAssembly;

let enginePromise: Promise<EngineModule> | undefined;

/**
 * Loads Prisma's schema engine compiled to WASM. The package's root export imports the
 * `.wasm` as an ES module, which Node 20 cannot load, so the JS glue and the module are
 * wired by hand (NOTES-db.md). This replaces the native binary Prisma's CLI would download.
 */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineModule &
      Record<string, unknown>;
    const require = createRequire(import.meta.url);
    const folder = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(join(folder, 'schema_engine_bg.wasm'));
    const instance = new wasm.Instance(new wasm.Module(bytes), { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return enginePromise;
}

export interface BoundSchemaEngine {
  engine: SchemaEngine;
  /** The engine reports adapter failures as "External error id#N"; this recovers the real one. */
  explain(error: unknown): Error;
  close(): Promise<void>;
}

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  log: (message: string) => void = () => {},
): Promise<BoundSchemaEngine> {
  const { SchemaEngine: Engine } = await loadEngineModule();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await Engine.new({ datamodels: [[schema.path, schema.content]] }, (line: string) => log(line), bound);
  return {
    engine,
    explain: (error) => explainEngineError(error, bound.errorRegistry),
    close: async () => {
      engine.free();
      await (factory as ClosableMigrationFactory).dispose?.();
    },
  };
}

function explainEngineError(
  error: unknown,
  registry: { consumeError(id: number): { error: unknown } | undefined },
): Error {
  // The engine appends a Rust span trace ("   0: sql_schema_connector::…"); users need the database's words only.
  const message = (error instanceof Error ? error.message : String(error)).split(/\n\s+0: /)[0]!.trim();
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const record = id === undefined ? undefined : registry.consumeError(Number(id));
  const original = record?.error as
    { message?: string; originalMessage?: string; cause?: string; kind?: string } | undefined;
  if (original) {
    const text = original.originalMessage ?? original.message ?? original.cause ?? JSON.stringify(original);
    return new Error(`${message.split('\n')[0]}: ${text}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(message);
}
