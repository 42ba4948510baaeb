import type { Database } from '../../packages/db/src/index';

export interface QueryTotals {
  count: number;
  ms: number;
  /** Rows the statements returned or touched. */
  rows: number;
}

type Query = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Times every statement the pool's connections run (Prisma's included: it shares the pool), by
 * the entity being synced and by the statement's opening words. The sync writes page after page
 * without overlap, so this is where its time goes when no request is out.
 */
export class QueryClock {
  readonly byEntity = new Map<string, QueryTotals>();
  readonly byStatement = new Map<string, QueryTotals>();
  /** Server process ids of the connections seen, for their CPU time. */
  readonly backends = new Set<number>();
  private restore: (() => void) | undefined;

  constructor(private readonly entity: () => string) {}

  /** Patches the prototype of the pool's client class (the driver's own, whichever copy it is). */
  async install(pool: Database['pool']): Promise<void> {
    const client = await pool.connect();
    const proto = Object.getPrototypeOf(client) as { query: Query };
    client.release();
    const original = proto.query;
    const clock = this;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as string | { text?: string } | undefined;
      const text = typeof config === 'string' ? config : config?.text;
      if (!text) return original.apply(this, args);
      const backend = (this as { processID?: number | null }).processID;
      if (backend) clock.backends.add(backend);
      const entity = clock.entity();
      const started = performance.now();
      const done = (result?: unknown) =>
        clock.record(entity, text, performance.now() - started, result);
      const callback = args.findIndex((a) => typeof a === 'function');
      if (callback >= 0) {
        const cb = args[callback] as (...r: unknown[]) => unknown;
        args[callback] = function (this: unknown, ...r: unknown[]) {
          done(r[1]);
          return cb.apply(this, r);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) result.then(done, () => done());
      return result;
    };
    this.restore = () => (proto.query = original);
  }

  uninstall(): void {
    this.restore?.();
  }

  reset(): void {
    this.byEntity.clear();
    this.byStatement.clear();
  }

  /** The totals so far, apart from what is counted after. */
  snapshot(): { byEntity: Map<string, QueryTotals>; byStatement: Map<string, QueryTotals> } {
    const copy = (map: Map<string, QueryTotals>) =>
      new Map([...map].map(([k, v]) => [k, { ...v }]));
    return { byEntity: copy(this.byEntity), byStatement: copy(this.byStatement) };
  }

  private record(entity: string, text: string, ms: number, result: unknown): void {
    const rows = (result as { rowCount?: number | null } | undefined)?.rowCount ?? 0;
    const add = (map: Map<string, QueryTotals>, key: string) => {
      const t = map.get(key) ?? { count: 0, ms: 0, rows: 0 };
      t.count++;
      t.ms += ms;
      t.rows += rows;
      map.set(key, t);
    };
    add(this.byEntity, entity);
    add(this.byStatement, statementKey(text));
  }
}

/** `INSERT INTO "documents"`, `SELECT … FROM "sync_states"`: enough to tell statements apart. */
function statementKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 90);
}
