import { sql, type Kysely } from 'kysely';

// The shape every trigger kept table on activations shares (live_machine_counts, sessions'
// on_reservation, reservation_changes): one PL/pgSQL function and one statement-level trigger per
// operation, reading the statement's rows from transition tables `fresh` (new rows) and `gone` (old rows).
// Migrations build their SQL from here; the SQL they create is the same whichever migration runs it.
// The flags kept on session rows (on_reservation, inside_reservation) also take a BEFORE row trigger
// on sessions (`createRowTrigger`).

/** The transition tables a trigger body reads: null where its operation has none (insert: no `gone`). */
export type BodyOf = (fresh: string | null, gone: string | null) => string;

/** SQL: the (subscription_id, machine_ref) pairs of the rows a statement wrote, from its transition tables. */
export const touchedPairs = (fresh: string | null, gone: string | null): string =>
  [fresh, gone]
    .filter((t): t is string => t !== null)
    .map((t) => `select subscription_id, machine_ref from ${t}`)
    .join(' union ');

/**
 * PL/pgSQL: return at once from an UPDATE that changed none of `columns` (a lease refresh, say);
 * nothing for inserts and deletes. `columns` may be null, the others are not.
 */
export const returnIfUnchanged = (
  fresh: string | null,
  gone: string | null,
  columns: { nullable: readonly string[]; plain: readonly string[] },
): string => {
  if (fresh === null || gone === null) return '';
  const changed = [
    ...columns.nullable.map((c) => `o.${c} is distinct from n.${c}`),
    ...columns.plain.map((c) => `o.${c} <> n.${c}`),
  ].join(' or ');
  return `if not exists (select 1 from ${gone} o join ${fresh} n on n.id = o.id
           where ${changed}) then return null; end if;`;
};

/**
 * SQL: the rows of `rows` (a select of `columns`, `id` among them) that the statement did not write:
 * less the same columns of `fresh`, as a set difference. A set difference runs as one hash or sort; a
 * `not exists` against the transition table could run as a nested loop re-reading it for every row,
 * which the planner chose when stale statistics made `rows` look tiny (an INSERT of 100,000
 * activations then ran for minutes; test/server/transition-table-plans.test.ts).
 */
export const lessWritten = (rows: string, columns: string, fresh: string | null): string =>
  fresh === null ? rows : `${rows} except select ${columns} from ${fresh}`;

const OPERATIONS = [
  { op: 'insert', referencing: 'new table as fresh', fresh: 'fresh', gone: null },
  { op: 'update', referencing: 'old table as gone new table as fresh', fresh: 'fresh', gone: 'gone' },
  { op: 'delete', referencing: 'old table as gone', fresh: null, gone: 'gone' },
] as const;

/** An operation a statement trigger fires after. */
export type Operation = (typeof OPERATIONS)[number]['op'];

/**
 * Creates `<name>_on_<op>()` and trigger `<name>_<op>` after each of `operations` (insert, update and
 * delete unless given) on `table`.
 */
export async function createStatementTriggers(
  db: Kysely<unknown>,
  q: { name: string; table: string; body: BodyOf; operations?: readonly Operation[] },
): Promise<void> {
  for (const o of OPERATIONS) {
    if (q.operations !== undefined && !q.operations.includes(o.op)) continue;
    await sql
      .raw(
        `create function ${q.name}_on_${o.op}() returns trigger language plpgsql as $body$${q.body(o.fresh, o.gone)}$body$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${q.name}_${o.op} after ${o.op} on ${q.table}
         referencing ${o.referencing} for each statement execute function ${q.name}_on_${o.op}()`,
      )
      .execute(db);
  }
}

/** Re-creates the functions of `operations` that `createStatementTriggers` made, from a newer `body`. */
export async function replaceStatementTriggerFunctions(
  db: Kysely<unknown>,
  q: { name: string; body: BodyOf; operations: readonly Operation[] },
): Promise<void> {
  for (const o of OPERATIONS) {
    if (!q.operations.includes(o.op)) continue;
    await sql
      .raw(
        `create or replace function ${q.name}_on_${o.op}() returns trigger language plpgsql as $body$${q.body(o.fresh, o.gone)}$body$`,
      )
      .execute(db);
  }
}

/** Drops what `createStatementTriggers` made. */
export async function dropStatementTriggers(
  db: Kysely<unknown>,
  q: { name: string; table: string },
): Promise<void> {
  for (const o of OPERATIONS) {
    await sql.raw(`drop trigger if exists ${q.name}_${o.op} on ${q.table}`).execute(db);
    await sql.raw(`drop function if exists ${q.name}_on_${o.op}()`).execute(db);
  }
}

/** A BEFORE row trigger that keeps a column of the row it fires on: its function's body and the events. */
interface RowTrigger {
  name: string;
  table: string;
  /** e.g. `insert or update of subscription_id, machine_ref`. */
  events: string;
  body: string;
}

/** Creates function `<name>()` and the BEFORE row trigger `<name>` on `table` that runs it. */
export async function createRowTrigger(db: Kysely<unknown>, q: RowTrigger): Promise<void> {
  await sql
    .raw(`create function ${q.name}() returns trigger language plpgsql as $body$${q.body}$body$`)
    .execute(db);
  await sql
    .raw(
      `create trigger ${q.name} before ${q.events} on ${q.table} for each row execute function ${q.name}()`,
    )
    .execute(db);
}

/** Drops what `createRowTrigger` made. */
export async function dropRowTrigger(
  db: Kysely<unknown>,
  q: Pick<RowTrigger, 'name' | 'table'>,
): Promise<void> {
  await sql.raw(`drop trigger if exists ${q.name} on ${q.table}`).execute(db);
  await sql.raw(`drop function if exists ${q.name}()`).execute(db);
}
