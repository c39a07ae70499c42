import { randomUUID } from 'node:crypto';
import {
  AftersaleError,
  type AftersaleStore,
  type ArticleRecord,
  articleInputSchema,
  type ComplaintEvent,
  type ComplaintRecord,
  type Customer,
  type CustomerDataExport,
  type CustomerProfile,
  complaintEventInputSchema,
  complaintInputSchema,
  customerProfileInputSchema,
  dataSubjectSchema,
  type ErasureReport,
  type LedgerEntry,
  ledgerClaimInputSchema,
  ledgerOutcomeInputSchema,
  type Order,
  type OutboxEvent,
  type OutboxEventInput,
  outboxEventInputSchema,
  type PolicyVersion,
  policyVersionInputSchema,
  type RefundRecord,
  type ReturnCaseRecord,
  refundInputSchema,
  returnCaseInputSchema,
  type SearchGapRecord,
  type StoreCapability,
  safeParseCustomer,
  safeParseOrder,
  searchGapInputSchema,
  shopIdSchema,
  timestampSchema,
  type WebhookDelivery,
  webhookDeliveryInputSchema,
} from '@aftersale/core';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { anonymizeOrder } from '../shared/anonymize-order.js';
import { openLedgerStates, settledOutcome } from '../shared/settled-outcome.js';
import { timeOrderedId } from '../shared/time-ordered-id.js';
import { validateInput } from '../shared/validate-input.js';
import type { Database, InboxRow, LedgerRow, VersionedRow } from './database.js';
import { listTableNames, migrateDatabase, readSchemaVersion } from './migrate-database.js';
import { latestSchemaVersion, type SqlDialectName } from './migrations.js';
import { decodeCursor, pageLimit, toPage } from './paging.js';

/** A store on a SQL database, with access to its catalogue for audits (GDPR scans). */
export interface SqlStore extends AftersaleStore {
  /** Every table of the store's database (file or schema), read from the database catalogue. */
  listTables(): Promise<string[]>;
  /**
   * Counts, per table and column, the rows whose value (cast to text, JSON included) contains any of
   * `needles`: an audit that personal data is gone. Tables come from the catalogue, so new ones are covered.
   */
  findText(needles: readonly string[]): Promise<Array<{ table: string; column: string; rows: number }>>;
}

/** How the SQL store reaches its database; made by the SQLite and PostgreSQL factories. */
export interface SqlConnection {
  dialect: SqlDialectName;
  /** PostgreSQL schema of the tables; `null` on SQLite. */
  schema: string | null;
  /** Opens the database on first use (drivers are loaded lazily). */
  open(): Promise<Kysely<Database>>;
  /** Turns a driver error into an {@link AftersaleError} when it is one the user can act on. */
  translateError(error: unknown): unknown;
  capabilities: readonly StoreCapability[];
  /**
   * Runs each operation alone among the stores of this process on the same database, when the driver
   * needs it (better-sqlite3 waits for a lock synchronously, so two connections of one process must
   * never wait on each other).
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

type VersionedTable = 'aftersale_return_cases' | 'aftersale_refunds' | 'aftersale_complaints';

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
};
const json = (value: unknown): string => JSON.stringify(value ?? null);
/** A LIKE pattern for text containing `needle` literally (`%`, `_` and `\` escaped; used with `escape '\'`). */
const containing = (needle: string): string => `%${needle.replace(/[\\%_]/g, '\\$&')}%`;
const parse = <T>(text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T));
const utc = (timestamp: string): string => new Date(timestamp).toISOString();
/** The columns of a complaint event's row, in the order its values are bound. */
const complaintEventColumns = ['shop_id', 'complaint_id', 'sequence', 'type', 'at', 'actor', 'note', 'data'];
// SQLite's transaction statements, compiled once (a `sql` template is compiled again on every use).
const beginImmediate = CompiledQuery.raw('begin immediate');
const commit = CompiledQuery.raw('commit');
const rollback = CompiledQuery.raw('rollback');

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function ledgerEntry(row: LedgerRow): LedgerEntry {
  return {
    shopId: row.shop_id,
    key: row.key,
    operation: row.operation,
    state: row.state as LedgerEntry['state'],
    fingerprint: row.fingerprint,
    result: parse(row.result),
    error: row.error,
    attempts: Number(row.attempts),
    claimedAt: row.claimed_at,
    updatedAt: row.updated_at,
  };
}

function webhookDelivery(row: InboxRow): WebhookDelivery {
  return {
    id: row.id,
    shopId: row.shop_id,
    platform: row.platform as WebhookDelivery['platform'],
    topic: row.topic,
    dedupeKey: row.dedupe_key,
    rawBody: row.raw_body,
    headers: parse<Record<string, string> | null>(row.headers) ?? {},
    status: row.status as WebhookDelivery['status'],
    attempts: Number(row.attempts),
    receivedAt: row.received_at,
    availableAt: row.available_at,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    lastError: row.last_error,
    completedAt: row.completed_at,
  };
}

function versionedRecord<T>(row: VersionedRow): T & { version: number; createdAt: string; updatedAt: string } {
  return {
    ...parse<T>(row.data),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The store on the shared Kysely query layer, for SQLite and PostgreSQL alike. Dialect differences
 * are few: the migration lock, `FOR UPDATE SKIP LOCKED` in inbox claims, and error codes.
 */
export function createSqlStore(backend: 'sqlite' | 'postgres', connection: SqlConnection, now: () => Date): SqlStore {
  let database: Promise<Kysely<Database>> | null = null;
  let checked = false;
  let closed = false;
  const target = (db: Kysely<Database>) => ({ db, dialect: connection.dialect, schema: connection.schema, now });

  const open = (): Promise<Kysely<Database>> => {
    if (closed) throw new AftersaleError({ code: 'store_closed', message: `The ${backend} store is closed.` });
    database ??= connection.open();
    return database;
  };

  /** Runs `work` on a migrated database, translating driver errors. */
  async function run<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return connection.exclusive ? connection.exclusive(() => runNow(work)) : runNow(work);
  }

  async function runNow<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      const db = await open();
      if (!checked) {
        const version = await readSchemaVersion(target(db));
        if (version !== latestSchemaVersion) {
          throw new AftersaleError({
            code: 'store_not_migrated',
            message: `The database is at schema version ${version}, this aftersale needs ${latestSchemaVersion}; run store.migrate() (or \`aftersale migrate\`) first.`,
            details: { version, expected: latestSchemaVersion },
          });
        }
        checked = true;
      }
      return await work(db);
    } catch (error) {
      throw connection.translateError(error);
    }
  }

  /** A write transaction (on SQLite `BEGIN IMMEDIATE`, so concurrent writers queue instead of failing). */
  async function transaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (connection.dialect === 'sqlite') {
      return db.connection().execute(async (single) => {
        await single.executeQuery(beginImmediate);
        try {
          const result = await work(single);
          await single.executeQuery(commit);
          return result;
        } catch (error) {
          await single.executeQuery(rollback);
          throw error;
        }
      });
    }
    return db.transaction().execute(work);
  }

  const stamp = () => now().toISOString();

  async function insertOutbox(db: Kysely<Database>, shopId: string, events: readonly OutboxEventInput[]) {
    if (events.length === 0) return [];
    const parsed = events.map((event) => validateInput(outboxEventInputSchema, event, 'outbox event'));
    const createdAt = stamp();
    const rows = await db
      .insertInto('aftersale_outbox')
      .values(
        parsed.map((event) => ({
          shop_id: shopId,
          type: event.type,
          subject_id: event.subjectId,
          payload: json(event.payload),
          created_at: createdAt,
          published_at: null,
        })),
      )
      .returningAll()
      .execute();
    return rows.map(
      (row): OutboxEvent => ({
        shopId: row.shop_id,
        sequence: Number(row.sequence),
        type: row.type,
        subjectId: row.subject_id,
        payload: parse(row.payload),
        createdAt: row.created_at,
        publishedAt: row.published_at,
      }),
    );
  }

  function versionedColumns(table: VersionedTable, record: Record<string, unknown>) {
    switch (table) {
      case 'aftersale_return_cases':
        return {
          order_id: record.orderId as string,
          customer_id: (record.customerId as string | null | undefined) ?? null,
          status: record.status as string,
          platform_return_id: (record.platformReturnId as string | null | undefined) ?? null,
        };
      case 'aftersale_refunds':
        return {
          order_id: record.orderId as string,
          return_case_id: (record.returnCaseId as string | null | undefined) ?? null,
          idempotency_key: record.idempotencyKey as string,
          status: record.status as string,
          platform_refund_id: (record.platformRefundId as string | null | undefined) ?? null,
        };
      case 'aftersale_complaints': {
        const dueAt = record.dueAt as string | null | undefined;
        return {
          customer_id: (record.customerId as string | null | undefined) ?? null,
          order_id: (record.orderId as string | null | undefined) ?? null,
          status: record.status as string,
          due_at: dueAt == null ? null : utc(dueAt),
        };
      }
    }
  }

  async function createVersioned<T extends { shopId: string; id: string }>(
    table: VersionedTable,
    record: T,
    events: readonly OutboxEventInput[] | undefined,
  ): Promise<T & { version: number; createdAt: string; updatedAt: string }> {
    return run((db) =>
      transaction(db, async (trx) => {
        const at = stamp();
        try {
          await trx
            .insertInto(table)
            .values({
              shop_id: record.shopId,
              id: record.id,
              version: 1,
              created_at: at,
              updated_at: at,
              data: json(record),
              ...versionedColumns(table, record),
              // biome-ignore lint/suspicious/noExplicitAny: the three versioned tables share these columns
            } as any)
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new AftersaleError({
              code: 'store_conflict',
              message: `${record.id} already exists in shop ${record.shopId}; read it and update it with its version instead.`,
              details: { id: record.id },
            });
          }
          throw error;
        }
        await insertOutbox(trx, record.shopId, events ?? []);
        return { ...record, version: 1, createdAt: at, updatedAt: at };
      }),
    );
  }

  async function updateVersioned<T extends { shopId: string; id: string }>(
    table: VersionedTable,
    record: T,
    expectedVersion: number,
    events: readonly OutboxEventInput[] | undefined,
  ): Promise<T & { version: number; createdAt: string; updatedAt: string }> {
    return run((db) =>
      transaction(db, async (trx) => {
        const at = stamp();
        const updated = await trx
          .updateTable(table)
          .set({
            version: expectedVersion + 1,
            updated_at: at,
            data: json(record),
            ...versionedColumns(table, record),
            // biome-ignore lint/suspicious/noExplicitAny: the three versioned tables share these columns
          } as any)
          .where('shop_id', '=', record.shopId)
          .where('id', '=', record.id)
          .where('version', '=', expectedVersion)
          .returning(['created_at'])
          .executeTakeFirst();
        if (updated === undefined) {
          const current = await trx
            .selectFrom(table)
            .select('version')
            .where('shop_id', '=', record.shopId)
            .where('id', '=', record.id)
            .executeTakeFirst();
          if (current === undefined) {
            throw new AftersaleError({
              code: 'store_not_found',
              message: `${record.id} does not exist in shop ${record.shopId}; create it first.`,
              details: { id: record.id },
            });
          }
          throw new AftersaleError({
            code: 'store_conflict',
            message: `${record.id} is at version ${current.version}, not ${expectedVersion}: another worker changed it. Read it again and retry.`,
            details: { id: record.id, expectedVersion, currentVersion: Number(current.version) },
          });
        }
        await insertOutbox(trx, record.shopId, events ?? []);
        return { ...record, version: expectedVersion + 1, createdAt: updated.created_at, updatedAt: at };
      }),
    );
  }

  async function getVersioned<T>(table: VersionedTable, shopId: string, id: string) {
    return run(async (db) => {
      const row = await db
        .selectFrom(table)
        .select(['shop_id', 'id', 'version', 'created_at', 'updated_at', 'data'])
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : versionedRecord<T>(row);
    });
  }

  async function listVersioned<T>(
    table: VersionedTable,
    shopId: string,
    options: { limit?: number; cursor?: string | null } | undefined,
    filters: Array<[string, string | undefined]>,
    dueBefore?: Date,
  ) {
    const limit = pageLimit(options);
    const after = decodeCursor(options?.cursor, 2);
    return run(async (db) => {
      let query = db
        .selectFrom(table)
        .select(['shop_id', 'id', 'version', 'created_at', 'updated_at', 'data'])
        .where('shop_id', '=', shopId);
      for (const [column, value] of filters) {
        // biome-ignore lint/suspicious/noExplicitAny: filter columns are checked by the callers
        if (value !== undefined) query = query.where(column as any, '=', value);
      }
      if (dueBefore !== undefined) {
        // biome-ignore lint/suspicious/noExplicitAny: only complaints have due_at; the caller is listComplaints
        query = query.where('due_at' as any, '<=', dueBefore.toISOString());
      }
      if (after !== null) {
        const [createdAt, id] = after as [string, string];
        query = query.where((eb) =>
          eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]),
        );
      }
      const rows = await query
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, (row) => [row.created_at, row.id], versionedRecord<T>);
    });
  }

  async function subjectOrders(
    db: Kysely<Database>,
    shopId: string,
    customerId: string | null,
    emails: string[],
    orderIds: string[],
  ) {
    const rows = await db
      .selectFrom('aftersale_orders')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where((eb) => {
        const ors = [];
        if (customerId !== null) ors.push(eb('customer_id', '=', customerId));
        if (emails.length > 0) ors.push(eb('email', 'in', emails));
        if (orderIds.length > 0) ors.push(eb('order_id', 'in', orderIds));
        return ors.length === 0 ? eb.lit(false) : eb.or(ors);
      })
      .orderBy('created_at')
      .orderBy('order_id')
      .execute();
    return rows;
  }

  async function resolveSubject(db: Kysely<Database>, input: unknown) {
    const subject = validateInput(dataSubjectSchema, input, 'data subject');
    const customerId = subject.customerId ?? null;
    const customerRow =
      customerId === null
        ? undefined
        : await db
            .selectFrom('aftersale_customers')
            .selectAll()
            .where('shop_id', '=', subject.shopId)
            .where('customer_id', '=', customerId)
            .executeTakeFirst();
    const profileRow =
      customerId === null
        ? undefined
        : await db
            .selectFrom('aftersale_customer_profiles')
            .selectAll()
            .where('shop_id', '=', subject.shopId)
            .where('customer_id', '=', customerId)
            .executeTakeFirst();
    const customer = customerRow ? parse<Customer>(customerRow.data) : null;
    const profile = profileRow ? versionedProfile(profileRow) : null;
    const emails = [
      ...new Set([subject.email, customer?.email, profile?.email].filter((value): value is string => !!value)),
    ];
    const phones = [
      ...new Set([subject.phone, customer?.phone, profile?.phone].filter((value): value is string => !!value)),
    ];
    return { subject, customerId, customer, profile, emails, phones };
  }

  async function inboxMentioning(db: Kysely<Database>, shopId: string, needles: string[]) {
    if (needles.length === 0) return [];
    return db
      .selectFrom('aftersale_webhook_inbox')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('raw_body', 'is not', null)
      .where((eb) => eb.or(needles.map((needle) => sql<boolean>`raw_body like ${containing(needle)} escape '\\'`)))
      .execute();
  }

  const tableRef = (table: string) =>
    connection.schema === null ? sql.table(table) : sql.id(connection.schema, table);

  async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
    const rows =
      connection.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows
        : (
            await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = ${connection.schema} and table_name = ${table} order by ordinal_position`.execute(db)
          ).rows;
    return rows.map((row) => row.name);
  }

  /** The SQL text of {@link insertSql}, by its arguments (bounded: see there). */
  const insertTexts = new Map<string, string>();

  /**
   * The SQL text that inserts `rowCount` rows in one statement, each row's values bound in the order
   * of `columns` (an upsert when `conflictKey` is given: the other columns take the new values). The
   * text is written here rather than built node by node: building and compiling a query tree of
   * thousands of values was a large share of bulk writes (see the benchmark). It depends only on its
   * arguments, so it is built once and reused: the same string each time also makes the SQLite
   * statement cache's lookup cheap. Table and column names come from this file only.
   */
  function insertSql(table: string, columns: readonly string[], rowCount: number, conflictKey?: readonly string[]) {
    const shape = `${table} ${columns.join(',')} ${rowCount} ${conflictKey?.join(',') ?? ''}`;
    let text = insertTexts.get(shape);
    if (text === undefined) {
      const quote = (name: string) => `"${name}"`;
      let index = 0;
      const bind = () => (connection.dialect === 'postgres' ? `$${++index}` : '?');
      const tuples = Array.from({ length: rowCount }, () => `(${columns.map(bind).join(', ')})`);
      const upsert =
        conflictKey === undefined
          ? ''
          : ` on conflict (${conflictKey.map(quote).join(', ')}) do update set ${columns
              .filter((column) => !conflictKey.includes(column))
              .map((column) => `${quote(column)} = excluded.${quote(column)}`)
              .join(', ')}`;
      const target = connection.schema === null ? quote(table) : `${quote(connection.schema)}.${quote(table)}`;
      text = `insert into ${target} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}${upsert}`;
      // Callers batch by a few fixed sizes; the bound only matters for a caller that sends every size.
      if (insertTexts.size >= 64) insertTexts.delete(insertTexts.keys().next().value as string);
      insertTexts.set(shape, text);
    }
    return text;
  }

  /** Inserts many rows in one statement (see {@link insertSql}); every value is a bound parameter. */
  async function insertRows(
    db: Kysely<Database>,
    table: 'aftersale_orders',
    rows: ReadonlyArray<Record<string, string | number | null>>,
    conflictKey?: readonly string[],
  ): Promise<void> {
    const columns = Object.keys(rows[0] ?? {});
    const parameters: Array<string | number | null> = [];
    for (const row of rows) {
      for (const column of columns) parameters.push(row[column] ?? null);
    }
    await db.executeQuery(CompiledQuery.raw(insertSql(table, columns, rows.length, conflictKey), parameters));
  }

  const sqlTexts = new Map<string, string>();
  /**
   * Runs SQL written in this file, for the hot paths of the inbox (each delivery passes through three
   * statements) and of complaint-event appends: building and compiling their query trees cost as much
   * as running them on SQLite. `?` marks a bound parameter (`$1`, `$2`… on PostgreSQL); `{inbox}`,
   * `{complaints}` and `{complaint_events}` the tables.
   */
  function inboxSql<Row>(db: Kysely<Database>, text: string, parameters: ReadonlyArray<string | number | null>) {
    let ready = sqlTexts.get(text);
    if (ready === undefined) {
      let index = 0;
      const tables: Record<string, string> = {
        inbox: 'aftersale_webhook_inbox',
        complaints: 'aftersale_complaints',
        complaint_events: 'aftersale_complaint_events',
      };
      const qualified = (name: string) =>
        connection.schema === null ? `"${name}"` : `"${connection.schema}"."${name}"`;
      ready = text
        .replace(/\{(inbox|complaints|complaint_events)\}/g, (_, name: string) => qualified(tables[name] ?? name))
        .replace(/\?/g, () => (connection.dialect === 'postgres' ? `$${++index}` : '?'));
      sqlTexts.set(text, ready);
    }
    return db.executeQuery<Row>(CompiledQuery.raw(ready, [...parameters]));
  }

  /**
   * The last event sequence of a complaint (0 before its first event), or `null` when the complaint
   * does not exist; run inside the append's transaction. SQLite's BEGIN IMMEDIATE already holds the
   * write lock, so one statement reads both. PostgreSQL first locks the complaint's row, which queues
   * concurrent appenders, and then reads the sequence in a second statement: under READ COMMITTED
   * only a statement that starts after the lock is granted sees the events its predecessor committed.
   */
  async function lastComplaintSequence(trx: Kysely<Database>, shopId: string, complaintId: string) {
    if (connection.dialect === 'sqlite') {
      const { rows } = await inboxSql<{ sequence: number | null }>(
        trx,
        `select (select max("sequence") from {complaint_events} where "shop_id" = ? and "complaint_id" = ?) as "sequence"
          from {complaints} where "shop_id" = ? and "id" = ?`,
        [shopId, complaintId, shopId, complaintId],
      );
      const row = rows[0];
      return row === undefined ? null : Number(row.sequence ?? 0);
    }
    const found = await inboxSql<{ id: string }>(
      trx,
      'select "id" from {complaints} where "shop_id" = ? and "id" = ? for update',
      [shopId, complaintId],
    );
    if (found.rows.length === 0) return null;
    const last = await inboxSql<{ sequence: number | string | null }>(
      trx,
      'select max("sequence") as "sequence" from {complaint_events} where "shop_id" = ? and "complaint_id" = ?',
      [shopId, complaintId],
    );
    return Number(last.rows[0]?.sequence ?? 0);
  }

  /** The tables of the store's database that hold shop records (a `shop_id` column), from the catalogue. */
  async function shopTables(db: Kysely<Database>): Promise<string[]> {
    const tables: string[] = [];
    for (const table of await listTableNames(target(db))) {
      if ((await columnsOf(db, table)).includes('shop_id')) tables.push(table);
    }
    return tables;
  }

  const store: SqlStore = {
    specificationVersion: 'v1',
    backend,
    capabilities: new Set(connection.capabilities),

    async migrate(options) {
      const migrateNow = async () => {
        try {
          const db = await open();
          const result = await migrateDatabase(target(db), options);
          checked = result.to === latestSchemaVersion;
          return result;
        } catch (error) {
          throw connection.translateError(error);
        }
      };
      return connection.exclusive ? connection.exclusive(migrateNow) : migrateNow();
    },

    async close() {
      if (closed) return;
      closed = true;
      if (database !== null) await (await database.catch(() => null))?.destroy();
    },

    async listTables() {
      return run((db) => listTableNames(target(db)));
    },

    async findText(needles) {
      return run(async (db) => {
        const hits: Array<{ table: string; column: string; rows: number }> = [];
        for (const table of await listTableNames(target(db))) {
          for (const column of await columnsOf(db, table)) {
            const matches = needles.map(
              (needle) => sql<boolean>`cast(${sql.ref(column)} as text) like ${containing(needle)} escape '\\'`,
            );
            if (matches.length === 0) continue;
            const result = await sql<{ rows: number | string }>`select count(*) as rows from ${tableRef(table)}
              where ${sql.join(matches, sql` or `)}`.execute(db);
            const rows = Number(result.rows[0]?.rows ?? 0);
            if (rows > 0) hits.push({ table, column, rows });
          }
        }
        return hits;
      });
    },

    // ── Orders and customers ──
    async upsertOrders(shopId, orders) {
      validateInput(shopIdSchema, shopId, 'shop id');
      const parsed = orders.map((order) => {
        const result = safeParseOrder(order);
        if (!result.success) throw result.error;
        return result.data;
      });
      if (parsed.length === 0) return;
      await run((db) =>
        transaction(db, async (trx) => {
          const storedAt = stamp();
          for (const batch of chunk(parsed, 500)) {
            await insertRows(
              trx,
              'aftersale_orders',
              batch.map((order) => ({
                shop_id: shopId,
                order_id: order.id,
                customer_id: order.customer?.id ?? null,
                email: order.email ?? order.customer?.email ?? null,
                created_at: utc(order.createdAt),
                stored_at: storedAt,
                anonymized: 0,
                data: json(order),
              })),
              ['shop_id', 'order_id'],
            );
          }
        }),
      );
    },

    async getOrder(shopId, orderId) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_orders')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('order_id', '=', orderId)
          .executeTakeFirst();
        return row === undefined
          ? null
          : {
              shopId,
              order: parse<Order>(row.data),
              anonymized: Number(row.anonymized) === 1,
              storedAt: row.stored_at,
            };
      });
    },

    async listOrders(shopId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 2);
      return run(async (db) => {
        let query = db.selectFrom('aftersale_orders').selectAll().where('shop_id', '=', shopId);
        if (options?.customerId !== undefined) query = query.where('customer_id', '=', options.customerId);
        if (after !== null) {
          const [createdAt, id] = after as [string, string];
          query = query.where((eb) =>
            eb.or([
              eb('created_at', '>', createdAt),
              eb.and([eb('created_at', '=', createdAt), eb('order_id', '>', id)]),
            ]),
          );
        }
        const rows = await query
          .orderBy('created_at')
          .orderBy('order_id')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [row.created_at, row.order_id],
          (row) => ({
            shopId,
            order: parse<Order>(row.data),
            anonymized: Number(row.anonymized) === 1,
            storedAt: row.stored_at,
          }),
        );
      });
    },

    async upsertCustomers(shopId, customers) {
      validateInput(shopIdSchema, shopId, 'shop id');
      const parsed = customers.map((customer) => {
        const result = safeParseCustomer(customer);
        if (!result.success) throw result.error;
        return result.data;
      });
      if (parsed.length === 0) return;
      await run((db) =>
        transaction(db, async (trx) => {
          const storedAt = stamp();
          for (const batch of chunk(parsed, 500)) {
            await trx
              .insertInto('aftersale_customers')
              .values(
                batch.map((customer) => ({
                  shop_id: shopId,
                  customer_id: customer.id,
                  email: customer.email ?? null,
                  stored_at: storedAt,
                  data: json(customer),
                })),
              )
              .onConflict((conflict) =>
                conflict.columns(['shop_id', 'customer_id']).doUpdateSet((eb) => ({
                  email: eb.ref('excluded.email'),
                  stored_at: eb.ref('excluded.stored_at'),
                  data: eb.ref('excluded.data'),
                })),
              )
              .execute();
          }
        }),
      );
    },

    async getCustomer(shopId, customerId) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_customers')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('customer_id', '=', customerId)
          .executeTakeFirst();
        return row === undefined ? null : { shopId, customer: parse<Customer>(row.data), storedAt: row.stored_at };
      });
    },

    async listCustomers(shopId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 1);
      return run(async (db) => {
        let query = db.selectFrom('aftersale_customers').selectAll().where('shop_id', '=', shopId);
        if (after !== null) query = query.where('customer_id', '>', after[0] as string);
        const rows = await query
          .orderBy('customer_id')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [row.customer_id],
          (row) => ({ shopId, customer: parse<Customer>(row.data), storedAt: row.stored_at }),
        );
      });
    },

    // ── Return cases, refunds, complaints ──
    async createReturnCase(input, options) {
      const record = validateInput(returnCaseInputSchema, input, 'return case');
      return createVersioned('aftersale_return_cases', record, options?.events);
    },
    async updateReturnCase(input, expectedVersion, options) {
      const record = validateInput(returnCaseInputSchema, input, 'return case');
      return updateVersioned('aftersale_return_cases', record, expectedVersion, options?.events);
    },
    async getReturnCase(shopId, id) {
      return getVersioned<ReturnCaseRecord>('aftersale_return_cases', shopId, id);
    },
    async listReturnCases(shopId, options) {
      return listVersioned<ReturnCaseRecord>('aftersale_return_cases', shopId, options, [
        ['order_id', options?.orderId],
        ['status', options?.status],
        ['customer_id', options?.customerId],
        ['platform_return_id', options?.platformReturnId],
      ]);
    },

    async createRefund(input, options) {
      const record = validateInput(refundInputSchema, input, 'refund');
      return createVersioned('aftersale_refunds', record, options?.events);
    },
    async updateRefund(input, expectedVersion, options) {
      const record = validateInput(refundInputSchema, input, 'refund');
      return updateVersioned('aftersale_refunds', record, expectedVersion, options?.events);
    },
    async getRefund(shopId, id) {
      return getVersioned<RefundRecord>('aftersale_refunds', shopId, id);
    },
    async listRefunds(shopId, options) {
      return listVersioned<RefundRecord>('aftersale_refunds', shopId, options, [
        ['order_id', options?.orderId],
        ['platform_refund_id', options?.platformRefundId],
        ['idempotency_key', options?.idempotencyKey],
      ]);
    },

    async createComplaint(input, options) {
      const record = validateInput(complaintInputSchema, input, 'complaint');
      return createVersioned('aftersale_complaints', record, options?.events);
    },
    async updateComplaint(input, expectedVersion, options) {
      const record = validateInput(complaintInputSchema, input, 'complaint');
      return updateVersioned('aftersale_complaints', record, expectedVersion, options?.events);
    },
    async getComplaint(shopId, id) {
      return getVersioned<ComplaintRecord>('aftersale_complaints', shopId, id);
    },
    async listComplaints(shopId, options) {
      if (options?.dueBefore !== undefined && Number.isNaN(options.dueBefore.getTime())) {
        throw new AftersaleError({ code: 'invalid_input', message: 'dueBefore must be a valid Date.' });
      }
      return listVersioned<ComplaintRecord>(
        'aftersale_complaints',
        shopId,
        options,
        [
          ['customer_id', options?.customerId],
          ['status', options?.status],
        ],
        options?.dueBefore,
      );
    },

    async appendComplaintEvents(shopId, complaintId, events, options) {
      const parsed = events.map((event) => validateInput(complaintEventInputSchema, event, 'complaint event'));
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await run((db) =>
            transaction(db, async (trx) => {
              const lastSequence = await lastComplaintSequence(trx, shopId, complaintId);
              if (lastSequence === null) {
                throw new AftersaleError({
                  code: 'store_not_found',
                  message: `Complaint ${complaintId} does not exist in shop ${shopId}; create it before appending events.`,
                });
              }
              if (options?.expectedSequence !== undefined && options.expectedSequence !== lastSequence) {
                throw new AftersaleError({
                  code: 'store_conflict',
                  message: `Complaint ${complaintId} has events up to ${lastSequence}, not ${options.expectedSequence}: read the new events and retry.`,
                  details: { expectedSequence: options.expectedSequence, currentSequence: lastSequence },
                });
              }
              // One row of bound values per event, in the order of `complaintEventColumns`.
              const parameters: Array<string | number | null> = [];
              for (const [index, event] of parsed.entries()) {
                parameters.push(
                  shopId,
                  complaintId,
                  lastSequence + index + 1,
                  event.type,
                  event.at,
                  event.actor,
                  event.note ?? null,
                  json(event.data),
                );
              }
              if (parsed.length > 0) {
                const text = insertSql('aftersale_complaint_events', complaintEventColumns, parsed.length);
                await trx.executeQuery(CompiledQuery.raw(text, parameters));
              }
              return parsed.map(
                (event, index): ComplaintEvent => ({
                  ...event,
                  shopId,
                  complaintId,
                  sequence: lastSequence + index + 1,
                }),
              );
            }),
          );
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          if (options?.expectedSequence !== undefined || attempt >= 20) {
            throw new AftersaleError({
              code: 'store_conflict',
              message: `Another worker appended to complaint ${complaintId} at the same time; read the new events and retry.`,
              cause: error,
            });
          }
        }
      }
    },

    async listComplaintEvents(shopId, complaintId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 1);
      return run(async (db) => {
        let query = db
          .selectFrom('aftersale_complaint_events')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('complaint_id', '=', complaintId);
        if (after !== null) query = query.where('sequence', '>', after[0] as number);
        const rows = await query
          .orderBy('sequence')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [Number(row.sequence)],
          (row): ComplaintEvent => ({
            shopId,
            complaintId,
            sequence: Number(row.sequence),
            type: row.type,
            at: row.at,
            actor: row.actor,
            note: row.note,
            data: parse(row.data),
          }),
        );
      });
    },

    // ── Customer profiles ──
    async saveCustomerProfile(input, expectedVersion) {
      const profile = validateInput(customerProfileInputSchema, input, 'customer profile');
      return run((db) =>
        transaction(db, async (trx) => {
          const at = stamp();
          if (expectedVersion === 0) {
            try {
              await trx
                .insertInto('aftersale_customer_profiles')
                .values({
                  shop_id: profile.shopId,
                  customer_id: profile.customerId,
                  version: 1,
                  created_at: at,
                  updated_at: at,
                  data: json(profile),
                })
                .execute();
            } catch (error) {
              if (!isUniqueViolation(error)) throw error;
              throw new AftersaleError({
                code: 'store_conflict',
                message: `A profile for ${profile.customerId} already exists; read it and save with its version.`,
              });
            }
            return { ...profile, version: 1, createdAt: at, updatedAt: at };
          }
          const updated = await trx
            .updateTable('aftersale_customer_profiles')
            .set({ version: expectedVersion + 1, updated_at: at, data: json(profile) })
            .where('shop_id', '=', profile.shopId)
            .where('customer_id', '=', profile.customerId)
            .where('version', '=', expectedVersion)
            .returning('created_at')
            .executeTakeFirst();
          if (updated === undefined) {
            throw new AftersaleError({
              code: 'store_conflict',
              message: `The profile of ${profile.customerId} is not at version ${expectedVersion} (changed or missing); read it again and retry.`,
            });
          }
          return { ...profile, version: expectedVersion + 1, createdAt: updated.created_at, updatedAt: at };
        }),
      );
    },

    async getCustomerProfile(shopId, customerId) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_customer_profiles')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('customer_id', '=', customerId)
          .executeTakeFirst();
        return row === undefined ? null : versionedProfile(row);
      });
    },

    // ── Policy versions ──
    async publishPolicyVersion(input) {
      const policy = validateInput(policyVersionInputSchema, input, 'policy version');
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await run((db) =>
            transaction(db, async (trx) => {
              const last = await trx
                .selectFrom('aftersale_policy_versions')
                .select((eb) => eb.fn.max('version').as('version'))
                .where('shop_id', '=', policy.shopId)
                .where('policy_id', '=', policy.policyId)
                .executeTakeFirst();
              const version = Number(last?.version ?? 0) + 1;
              const createdAt = stamp();
              await trx
                .insertInto('aftersale_policy_versions')
                .values({
                  shop_id: policy.shopId,
                  policy_id: policy.policyId,
                  version,
                  effective_from: utc(policy.effectiveFrom),
                  created_at: createdAt,
                  data: json(policy),
                })
                .execute();
              return { ...policy, version, createdAt };
            }),
          );
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 20) throw error;
        }
      }
    },

    async getPolicyVersion(shopId, policyId, version) {
      return run(async (db) => {
        let query = db
          .selectFrom('aftersale_policy_versions')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('policy_id', '=', policyId);
        if (version !== undefined) query = query.where('version', '=', version);
        const row = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
        return row === undefined
          ? null
          : { ...parse<PolicyVersion>(row.data), version: Number(row.version), createdAt: row.created_at };
      });
    },

    async listPolicyVersions(shopId, policyId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 1);
      return run(async (db) => {
        let query = db
          .selectFrom('aftersale_policy_versions')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('policy_id', '=', policyId);
        if (after !== null) query = query.where('version', '>', after[0] as number);
        const rows = await query
          .orderBy('version')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [Number(row.version)],
          (row): PolicyVersion => ({
            ...parse<PolicyVersion>(row.data),
            version: Number(row.version),
            createdAt: row.created_at,
          }),
        );
      });
    },

    // ── Knowledge base ──
    async upsertArticle(input) {
      const article = validateInput(articleInputSchema, input, 'knowledge-base article');
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await run((db) =>
            transaction(db, async (trx) => {
              const current = await trx
                .selectFrom('aftersale_knowledge_articles')
                .select(['version', 'created_at'])
                .where('shop_id', '=', article.shopId)
                .where('id', '=', article.id)
                .executeTakeFirst();
              const at = stamp();
              if (current === undefined) {
                await trx
                  .insertInto('aftersale_knowledge_articles')
                  .values({
                    shop_id: article.shopId,
                    id: article.id,
                    language: article.language,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                    data: json(article),
                  })
                  .execute();
                return { ...article, version: 1, createdAt: at, updatedAt: at };
              }
              const version = Number(current.version) + 1;
              await trx
                .updateTable('aftersale_knowledge_articles')
                .set({ language: article.language, version, updated_at: at, data: json(article) })
                .where('shop_id', '=', article.shopId)
                .where('id', '=', article.id)
                .execute();
              return { ...article, version, createdAt: current.created_at, updatedAt: at };
            }),
          );
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 20) throw error;
        }
      }
    },

    async getArticle(shopId, id) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_knowledge_articles')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row === undefined ? null : versionedRecord<ArticleRecord>(row);
      });
    },

    async listArticles(shopId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 1);
      return run(async (db) => {
        let query = db.selectFrom('aftersale_knowledge_articles').selectAll().where('shop_id', '=', shopId);
        if (options?.language !== undefined) query = query.where('language', '=', options.language);
        if (after !== null) query = query.where('id', '>', after[0] as string);
        const rows = await query
          .orderBy('id')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [row.id],
          (row) => versionedRecord<ArticleRecord>(row),
        );
      });
    },

    async deleteArticle(shopId, id) {
      return run(async (db) => {
        const result = await db
          .deleteFrom('aftersale_knowledge_articles')
          .where('shop_id', '=', shopId)
          .where('id', '=', id)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },

    async recordSearchGap(input) {
      const gap = validateInput(searchGapInputSchema, input, 'search gap');
      const record = { ...gap, at: utc(gap.at), id: `gap_${randomUUID()}` };
      return run(async (db) => {
        await db
          .insertInto('aftersale_search_gaps')
          .values({
            shop_id: record.shopId,
            id: record.id,
            language: record.language,
            at: record.at,
            data: json(record),
          })
          .execute();
        return record;
      });
    },

    async listSearchGaps(shopId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 2);
      const since = options?.since === undefined ? null : utc(validateInput(timestampSchema, options.since, 'since'));
      return run(async (db) => {
        let query = db.selectFrom('aftersale_search_gaps').selectAll().where('shop_id', '=', shopId);
        if (since !== null) query = query.where('at', '>=', since);
        if (after !== null) {
          const [at, id] = after as [string, string];
          query = query.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
        }
        const rows = await query
          .orderBy('at')
          .orderBy('id')
          .limit(limit + 1)
          .execute();
        return toPage(
          rows,
          limit,
          (row) => [row.at, row.id],
          (row) => parse<SearchGapRecord>(row.data),
        );
      });
    },

    // ── Outbox ──
    async appendOutboxEvents(shopId, events) {
      validateInput(shopIdSchema, shopId, 'shop id');
      return run((db) => transaction(db, (trx) => insertOutbox(trx, shopId, events)));
    },

    async listUnpublishedOutboxEvents(options) {
      const limit = pageLimit(options);
      return run(async (db) => {
        let query = db.selectFrom('aftersale_outbox').selectAll().where('published_at', 'is', null);
        if (options?.shopId !== undefined) query = query.where('shop_id', '=', options.shopId);
        const rows = await query.orderBy('sequence').limit(limit).execute();
        return rows.map(
          (row): OutboxEvent => ({
            shopId: row.shop_id,
            sequence: Number(row.sequence),
            type: row.type,
            subjectId: row.subject_id,
            payload: parse(row.payload),
            createdAt: row.created_at,
            publishedAt: row.published_at,
          }),
        );
      });
    },

    async markOutboxEventsPublished(sequences) {
      if (sequences.length === 0) return;
      await run((db) =>
        transaction(db, async (trx) => {
          const at = stamp();
          for (const batch of chunk(sequences, 500)) {
            await trx
              .updateTable('aftersale_outbox')
              .set({ published_at: at })
              .where('sequence', 'in', batch)
              .where('published_at', 'is', null)
              .execute();
          }
        }),
      );
    },

    // ── Idempotency ledger ──
    async claimIdempotencyKey(input) {
      const claim = validateInput(ledgerClaimInputSchema, input, 'idempotency claim');
      return run(async (db) => {
        const at = stamp();
        const inserted = await db
          .insertInto('aftersale_idempotency_keys')
          .values({
            shop_id: claim.shopId,
            key: claim.key,
            operation: claim.operation,
            state: 'pending',
            fingerprint: claim.fingerprint ?? null,
            result: null,
            error: null,
            attempts: 1,
            claimed_at: at,
            updated_at: at,
          })
          .onConflict((conflict) => conflict.columns(['shop_id', 'key']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted !== undefined) return { outcome: 'claimed', entry: ledgerEntry(inserted) };
        if (claim.retryFailed) {
          const reclaimed = await db
            .updateTable('aftersale_idempotency_keys')
            .set((eb) => ({
              state: 'pending',
              error: null,
              result: null,
              attempts: eb('attempts', '+', 1),
              updated_at: at,
            }))
            .where('shop_id', '=', claim.shopId)
            .where('key', '=', claim.key)
            .where('state', '=', 'failed')
            .returningAll()
            .executeTakeFirst();
          if (reclaimed !== undefined) return { outcome: 'claimed', entry: ledgerEntry(reclaimed) };
        }
        const held = await db
          .selectFrom('aftersale_idempotency_keys')
          .selectAll()
          .where('shop_id', '=', claim.shopId)
          .where('key', '=', claim.key)
          .executeTakeFirstOrThrow();
        return { outcome: 'held', entry: ledgerEntry(held) };
      });
    },

    async recordIdempotencyOutcome(input) {
      const outcome = validateInput(ledgerOutcomeInputSchema, input, 'idempotency outcome');
      return run(async (db) => {
        const row = await db
          .updateTable('aftersale_idempotency_keys')
          .set({
            state: outcome.state,
            result: outcome.result === undefined ? null : json(outcome.result),
            error: outcome.error ?? null,
            updated_at: stamp(),
          })
          .where('shop_id', '=', outcome.shopId)
          .where('key', '=', outcome.key)
          .where('state', 'in', outcome.state === 'pending' ? ['pending'] : openLedgerStates)
          .returningAll()
          .executeTakeFirst();
        if (row !== undefined) return ledgerEntry(row);
        const current = await db
          .selectFrom('aftersale_idempotency_keys')
          .selectAll()
          .where('shop_id', '=', outcome.shopId)
          .where('key', '=', outcome.key)
          .executeTakeFirst();
        return settledOutcome(outcome, current === undefined ? null : ledgerEntry(current));
      });
    },

    async getIdempotencyEntry(shopId, key) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_idempotency_keys')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('key', '=', key)
          .executeTakeFirst();
        return row === undefined ? null : ledgerEntry(row);
      });
    },

    async listIdempotencyEntries(shopId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, 2);
      return run(async (db) => {
        let query = db.selectFrom('aftersale_idempotency_keys').selectAll().where('shop_id', '=', shopId);
        if (options?.state !== undefined) query = query.where('state', '=', options.state);
        if (after !== null) {
          const [claimedAt, key] = after as [string, string];
          query = query.where((eb) =>
            eb.or([eb('claimed_at', '>', claimedAt), eb.and([eb('claimed_at', '=', claimedAt), eb('key', '>', key)])]),
          );
        }
        const rows = await query
          .orderBy('claimed_at')
          .orderBy('key')
          .limit(limit + 1)
          .execute();
        return toPage(rows, limit, (row) => [row.claimed_at, row.key], ledgerEntry);
      });
    },

    // ── Webhook inbox ──
    async enqueueWebhook(input) {
      const delivery = validateInput(webhookDeliveryInputSchema, input, 'webhook delivery');
      return run(async (db) => {
        const at = stamp();
        const inserted = (
          await inboxSql<InboxRow>(
            db,
            `insert into {inbox} ("id", "shop_id", "platform", "topic", "dedupe_key", "raw_body", "headers", "status",
              "attempts", "received_at", "available_at") values (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
              on conflict ("shop_id", "dedupe_key") do nothing returning *`,
            [
              timeOrderedId('whk', now()),
              delivery.shopId,
              delivery.platform,
              delivery.topic,
              delivery.dedupeKey,
              delivery.rawBody,
              json(delivery.headers),
              at,
              at,
            ],
          )
        ).rows[0];
        if (inserted !== undefined) return { outcome: 'enqueued', delivery: webhookDelivery(inserted) };
        const existing = await db
          .selectFrom('aftersale_webhook_inbox')
          .selectAll()
          .where('shop_id', '=', delivery.shopId)
          .where('dedupe_key', '=', delivery.dedupeKey)
          .executeTakeFirstOrThrow();
        return { outcome: 'duplicate', delivery: webhookDelivery(existing) };
      });
    },

    async claimWebhooks(options) {
      const limit = options.limit ?? 10;
      const leaseMs = options.leaseMs ?? 60_000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(leaseMs) || leaseMs < 1) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `claimWebhooks needs an integer limit from 1 to 1000 and a positive integer leaseMs (got ${limit}, ${leaseMs}).`,
        });
      }
      return run(async (db) => {
        const current = now();
        const at = current.toISOString();
        const token = `lease_${randomUUID()}`;
        const shop = options.shopId === undefined ? '' : ' and "shop_id" = ?';
        const shopParameter = options.shopId === undefined ? [] : [options.shopId];
        const lease = [token, new Date(current.getTime() + leaseMs).toISOString()];
        // SQLite: two branches, each an index range (shop, status, time); one OR would make its planner
        // take the shop's dedupe index and scan every delivery the shop ever had. PostgreSQL: one OR, and
        // FOR UPDATE SKIP LOCKED so that claimers never wait on each other.
        const { rows } =
          connection.dialect === 'sqlite'
            ? await inboxSql<InboxRow>(
                db,
                `update {inbox} set "status" = 'processing', "lease_token" = ?, "lease_expires_at" = ?,
                  "attempts" = "attempts" + 1 where "id" in (select "id" from (
                    select "id", "available_at" from {inbox} where "status" = 'pending' and "available_at" <= ?${shop}
                    union all
                    select "id", "available_at" from {inbox} where "status" = 'processing' and "lease_expires_at" <= ?${shop}
                  ) as "due" order by "available_at", "id" limit ?) returning *`,
                [...lease, at, ...shopParameter, at, ...shopParameter, limit],
              )
            : await inboxSql<InboxRow>(
                db,
                `update {inbox} set "status" = 'processing', "lease_token" = ?, "lease_expires_at" = ?,
                  "attempts" = "attempts" + 1 where "id" in (select "id" from {inbox}
                    where (("status" = 'pending' and "available_at" <= ?) or ("status" = 'processing' and "lease_expires_at" <= ?))${shop}
                    order by "available_at", "id" limit ? for update skip locked) returning *`,
                [...lease, at, at, ...shopParameter, limit],
              );
        return rows
          .map(webhookDelivery)
          .sort((a, b) => a.availableAt.localeCompare(b.availableAt) || a.id.localeCompare(b.id));
      });
    },

    async completeWebhook(id, leaseToken) {
      return run(async (db) => {
        const done = await inboxSql(
          db,
          `update {inbox} set "status" = 'completed', "raw_body" = null, "headers" = null, "lease_token" = null,
            "lease_expires_at" = null, "completed_at" = ? where "id" = ? and "lease_token" = ? and "status" = 'processing'`,
          [stamp(), id, leaseToken],
        );
        return Number(done.numAffectedRows ?? 0) === 1 ? { ok: true } : { ok: false, reason: 'lease_lost' };
      });
    },

    async failWebhook(id, leaseToken, options) {
      return run(async (db) => {
        const failed = await db
          .updateTable('aftersale_webhook_inbox')
          .set({
            status: options.retryAt === null ? 'dead' : 'pending',
            available_at: (options.retryAt ?? now()).toISOString(),
            lease_token: null,
            lease_expires_at: null,
            last_error: options.error,
          })
          .where('id', '=', id)
          .where('lease_token', '=', leaseToken)
          .where('status', '=', 'processing')
          .executeTakeFirst();
        return Number(failed.numUpdatedRows) === 1 ? { ok: true } : { ok: false, reason: 'lease_lost' };
      });
    },

    async getWebhook(shopId, id) {
      return run(async (db) => {
        const row = await db
          .selectFrom('aftersale_webhook_inbox')
          .selectAll()
          .where('shop_id', '=', shopId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row === undefined ? null : webhookDelivery(row);
      });
    },

    // ── GDPR / KVKK ──
    async exportCustomerData(input) {
      return run(async (db) => {
        const { subject, customerId, customer, profile, emails, phones } = await resolveSubject(db, input);
        const shopId = subject.shopId;
        const orderRows = await subjectOrders(db, shopId, customerId, emails, subject.orderIds);
        const orderIds = orderRows.map((row) => row.order_id);
        const byOrderOrCustomer = (table: VersionedTable) =>
          db
            .selectFrom(table as 'aftersale_return_cases')
            .select(['shop_id', 'id', 'version', 'created_at', 'updated_at', 'data'])
            .where('shop_id', '=', shopId)
            .where((eb) => {
              const ors = [];
              if (orderIds.length > 0) ors.push(eb('order_id', 'in', orderIds));
              if (customerId !== null && table !== 'aftersale_refunds') ors.push(eb('customer_id', '=', customerId));
              return ors.length === 0 ? eb.lit(false) : eb.or(ors);
            })
            .orderBy('created_at')
            .orderBy('id')
            .execute();
        const complaints = (await byOrderOrCustomer('aftersale_complaints')).map(versionedRecord<ComplaintRecord>);
        const withEvents = [];
        for (const complaint of complaints) {
          const events = await db
            .selectFrom('aftersale_complaint_events')
            .selectAll()
            .where('shop_id', '=', shopId)
            .where('complaint_id', '=', complaint.id)
            .orderBy('sequence')
            .execute();
          withEvents.push({
            ...complaint,
            events: events.map(
              (row): ComplaintEvent => ({
                shopId,
                complaintId: complaint.id,
                sequence: Number(row.sequence),
                type: row.type,
                at: row.at,
                actor: row.actor,
                note: row.note,
                data: parse(row.data),
              }),
            ),
          });
        }
        const exported: CustomerDataExport = {
          shopId,
          exportedAt: stamp(),
          customer,
          profile,
          orders: orderRows.map((row) => parse<Order>(row.data)),
          returnCases: (await byOrderOrCustomer('aftersale_return_cases')).map(versionedRecord<ReturnCaseRecord>),
          refunds: (await byOrderOrCustomer('aftersale_refunds')).map(versionedRecord<RefundRecord>),
          complaints: withEvents,
          webhooks: (await inboxMentioning(db, shopId, [...emails, ...phones])).map(webhookDelivery),
        };
        return exported;
      });
    },

    async eraseCustomer(input) {
      return run((db) =>
        transaction(db, async (trx) => {
          const { subject, customerId, emails, phones } = await resolveSubject(trx, input);
          const shopId = subject.shopId;
          const report: ErasureReport = { shopId, deleted: {}, anonymized: {} };
          const orderRows = await subjectOrders(trx, shopId, customerId, emails, subject.orderIds);
          const orderIds = orderRows.map((row) => row.order_id);
          for (const row of orderRows) {
            await trx
              .updateTable('aftersale_orders')
              .set({
                customer_id: null,
                email: null,
                anonymized: 1,
                data: json(anonymizeOrder(parse<Order>(row.data))),
              })
              .where('shop_id', '=', shopId)
              .where('order_id', '=', row.order_id)
              .execute();
          }
          report.anonymized.orders = orderRows.length;
          if (customerId !== null) {
            const customers = await trx
              .deleteFrom('aftersale_customers')
              .where('shop_id', '=', shopId)
              .where('customer_id', '=', customerId)
              .executeTakeFirst();
            report.deleted.customers = Number(customers.numDeletedRows);
            const profiles = await trx
              .deleteFrom('aftersale_customer_profiles')
              .where('shop_id', '=', shopId)
              .where('customer_id', '=', customerId)
              .executeTakeFirst();
            report.deleted.customerProfiles = Number(profiles.numDeletedRows);
          }
          const scrub = async (table: 'aftersale_return_cases' | 'aftersale_complaints', fields: string[]) => {
            const rows = await trx
              .selectFrom(table)
              .select(['id', 'data'])
              .where('shop_id', '=', shopId)
              .where((eb) => {
                const ors = [];
                if (orderIds.length > 0) ors.push(eb('order_id', 'in', orderIds));
                if (customerId !== null) ors.push(eb('customer_id', '=', customerId));
                return ors.length === 0 ? eb.lit(false) : eb.or(ors);
              })
              .execute();
            for (const row of rows) {
              const data = parse<Record<string, unknown>>(row.data);
              for (const field of fields) data[field] = null;
              data.customerId = null;
              await trx
                .updateTable(table)
                .set({ data: json(data), customer_id: null })
                .where('shop_id', '=', shopId)
                .where('id', '=', row.id)
                .execute();
            }
            return rows.map((row) => row.id);
          };
          report.anonymized.returnCases = (await scrub('aftersale_return_cases', ['customerNote'])).length;
          const complaintIds = await scrub('aftersale_complaints', ['subject', 'description']);
          report.anonymized.complaints = complaintIds.length;
          let events = 0;
          for (const batch of chunk(complaintIds, 500)) {
            const result = await trx
              .updateTable('aftersale_complaint_events')
              .set({ note: null })
              .where('shop_id', '=', shopId)
              .where('complaint_id', 'in', batch)
              .where('note', 'is not', null)
              .executeTakeFirst();
            events += Number(result.numUpdatedRows);
          }
          report.anonymized.complaintEvents = events;
          const deliveries = await inboxMentioning(trx, shopId, [...emails, ...phones]);
          for (const delivery of deliveries) {
            await trx
              .updateTable('aftersale_webhook_inbox')
              .set({
                raw_body: null,
                headers: null,
                status: delivery.status === 'completed' ? 'completed' : 'dead',
                last_error: delivery.status === 'completed' ? delivery.last_error : 'erased at the customer’s request',
                lease_token: null,
                lease_expires_at: null,
              })
              .where('id', '=', delivery.id)
              .execute();
          }
          report.anonymized.webhookDeliveries = deliveries.length;
          return report;
        }),
      );
    },

    async eraseShop(shopId) {
      validateInput(shopIdSchema, shopId, 'shop id');
      return run((db) =>
        transaction(db, async (trx) => {
          const report: ErasureReport = { shopId, deleted: {}, anonymized: {} };
          // Every table with a shop_id column, read from the catalogue: tables added later are erased too.
          for (const table of await shopTables(trx)) {
            const result = await sql`delete from ${tableRef(table)} where shop_id = ${shopId}`.execute(trx);
            report.deleted[table.replace(/^aftersale_/, '')] = Number(result.numAffectedRows ?? 0);
          }
          return report;
        }),
      );
    },
  };
  return store;
}

function versionedProfile(row: Database['aftersale_customer_profiles']): CustomerProfile {
  return {
    ...parse<CustomerProfile>(row.data),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
