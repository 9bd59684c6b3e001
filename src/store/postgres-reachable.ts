import pg from 'pg';
import { PlanError } from '../domain/plan-error.js';
import { describeDatabase } from '../config.js';

/** Long enough for a database across a region, short enough that a wrong host is reported, not waited on. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects once and runs `SELECT 1`, before anything else touches the database, so an unreachable
 * or refusing database is one clear error (`database_unreachable`) naming what to fix in
 * DATABASE_URL, not a driver's or the schema engine's stack trace.
 */
export async function checkPostgresReachable(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection that dies after connecting reports here; the rejected connect/query says why.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new PlanError('database_unreachable', unreachableMessage(url, error), { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function unreachableMessage(url: string, error: unknown): string {
  const target = new URL(url);
  const host = target.hostname || 'localhost';
  const at = `${host}:${target.port || '5432'}`;
  const user = decodeURIComponent(target.username) || 'the default user';
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'the default database';
  const failure = error as { code?: string; message?: string; errors?: { code?: string }[] };
  // Node reports a name with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  const code = failure.code ?? failure.errors?.[0]?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot connect to the database: ${at} refused the connection. Start PostgreSQL there, or fix the host and port in DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to the database: the host "${host}" in DATABASE_URL does not resolve. Fix the host name, or the DNS it is looked up in.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot connect to the database: ${at} cannot be reached (${code}). Check the host and port in DATABASE_URL, and that the network lets planbot through.`;
    case '28P01':
    case '28000':
      return `The database at ${at} refused the login of user "${user}": ${oneLine(failure.message)}. Fix the user name and password in DATABASE_URL.`;
    case '3D000':
      return `The database "${name}" does not exist at ${at}. Create it (createdb ${name}), or fix the database name in DATABASE_URL.`;
    case '57P03':
    case '53300':
      return `The database at ${at} is not accepting connections now (${oneLine(failure.message)}). Try again shortly.`;
    default:
      return `Cannot connect to the database (${describeDatabase({ kind: 'postgres', url })}): ${oneLine(failure.message) || code || 'no reason given'}. Check DATABASE_URL and that PostgreSQL is running.`;
  }
}

function oneLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.trim();
}
