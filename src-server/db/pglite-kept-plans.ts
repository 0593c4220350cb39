import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { KEPT_PER_CONNECTION } from './kept-plans';

// A statement marked with `keptPlan` (kept-plans.ts) on PGlite: prepared once under its name through
// PGlite's protocol helpers, then bound and run each time, as PGlite's own `query` does with an
// unnamed statement (same messages, same value serializers and result parsers). PGlite is one
// connection, so one map of prepared names and their parameter types serves every caller.

const NO_FS_SYNC = { syncToFs: false } as const;

/** The kept statements of one PGlite instance: name → the parameter types the server inferred. */
export type KeptStatements = Map<string, number[]>;

/** Prepares `name` if it is new: its parameter types, or null when the instance keeps enough already. */
async function prepared(
  client: PGlite,
  kept: KeptStatements,
  name: string,
  text: string,
): Promise<number[] | null> {
  const known = kept.get(name);
  if (known !== undefined) return known;
  if (kept.size >= KEPT_PER_CONNECTION) return null;
  await client.execProtocolStream(protocol.serialize.parse({ name, text, types: [] }), NO_FS_SYNC);
  const described = await client.execProtocolStream(
    protocol.serialize.describe({ type: 'S', name }),
    NO_FS_SYNC,
  );
  const types = parse.parseDescribeStatementResults(described);
  kept.set(name, types);
  return types;
}

/** Runs a marked read by name; null when the instance keeps enough statements (run it unnamed then). */
export async function runKept<R>(
  client: PGlite,
  kept: KeptStatements,
  statement: { name: string; text: string; parameters: readonly unknown[] },
): Promise<Results<R> | null> {
  return client.runExclusive(async () => {
    const messages = [];
    try {
      const types = await prepared(client, kept, statement.name, statement.text);
      if (types === null) return null;
      const values = statement.parameters.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialize = client.serializers[types[i] ?? 0];
        return serialize ? serialize(value) : String(value);
      });
      for (const message of [
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
      ])
        messages.push(...(await client.execProtocolStream(message, NO_FS_SYNC)));
    } finally {
      messages.push(...(await client.execProtocolStream(protocol.serialize.sync(), NO_FS_SYNC)));
    }
    const [result] = parse.parseResults(messages, client.parsers) as Results<R>[];
    if (result === undefined) throw new Error('A kept statement returned no result.');
    return result;
  });
}
