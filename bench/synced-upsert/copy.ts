/** A node-postgres client, one connection of the pool. */
export type CopyClient = { query: (...args: never[]) => unknown };

/** A value in COPY's text format; arrays become PostgreSQL arrays, so pass JSON as a string. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date
      ? value.toISOString()
      : Array.isArray(value)
        ? `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
        : String(value);
  return text.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );
}

/**
 * `COPY table (columns) FROM STDIN` of the given rows: the fastest way PostgreSQL loads rows, used
 * as the lower bound the upserts are measured against. node-postgres has no COPY API of its own;
 * this drives the protocol through its submittable-query hooks.
 */
export function copyRows(
  client: CopyClient,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const data = Buffer.from(rows.map((row) => row.map(field).join('\t')).join('\n') + '\n');
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  return new Promise((resolve, reject) => {
    const noop = () => {};
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: {
        sendCopyFromChunk(chunk: Buffer): void;
        endCopyFrom(): void;
      }) {
        for (let offset = 0; offset < data.length; offset += 65_536)
          connection.sendCopyFromChunk(data.subarray(offset, offset + 65_536));
        connection.endCopyFrom();
      },
      // node-postgres drops the active query on an error: its ReadyForQuery never reaches us.
      handleError: reject,
      handleReadyForQuery: () => resolve(),
      handleCommandComplete: noop,
      handleRowDescription: noop,
      handleDataRow: noop,
      handleEmptyQuery: noop,
      handlePortalSuspended: noop,
    };
    (client as unknown as { query(q: typeof submittable): void }).query(submittable);
  });
}
