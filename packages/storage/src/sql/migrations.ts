import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';

/** The SQL dialects the shared query layer speaks. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** One schema migration. Migrations are numbered 1, 2, 3... and only ever go up. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Database>, dialect: SqlDialectName): Promise<void>;
}

const versioned = (db: Kysely<Database>, table: string) =>
  db.schema
    .createTable(table)
    .addColumn('shop_id', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull());

/**
 * Every migration, in order. Never edit a released migration: add a new one. The generic test
 * migrates a database to N−1, writes rows into every table, migrates to N and checks the rows.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'orders, customers, return cases, refunds, idempotency ledger, webhook inbox',
    async up(db) {
      await db.schema
        .createTable('aftersale_orders')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('order_id', 'text', (column) => column.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('email', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('stored_at', 'text', (column) => column.notNull())
        .addColumn('anonymized', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_orders_pk', ['shop_id', 'order_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_orders_customer')
        .on('aftersale_orders')
        .columns(['shop_id', 'customer_id', 'created_at', 'order_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_orders_created')
        .on('aftersale_orders')
        .columns(['shop_id', 'created_at', 'order_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_orders_email')
        .on('aftersale_orders')
        .columns(['shop_id', 'email'])
        .execute();

      await db.schema
        .createTable('aftersale_customers')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('customer_id', 'text', (column) => column.notNull())
        .addColumn('email', 'text')
        .addColumn('stored_at', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_customers_pk', ['shop_id', 'customer_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_customers_email')
        .on('aftersale_customers')
        .columns(['shop_id', 'email'])
        .execute();

      await versioned(db, 'aftersale_return_cases')
        .addColumn('order_id', 'text', (column) => column.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('status', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_return_cases_pk', ['shop_id', 'id'])
        .execute();
      await db.schema
        .createIndex('aftersale_return_cases_order')
        .on('aftersale_return_cases')
        .columns(['shop_id', 'order_id'])
        .execute();

      await versioned(db, 'aftersale_refunds')
        .addColumn('order_id', 'text', (column) => column.notNull())
        .addColumn('return_case_id', 'text')
        .addColumn('idempotency_key', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_refunds_pk', ['shop_id', 'id'])
        .execute();
      await db.schema
        .createIndex('aftersale_refunds_order')
        .on('aftersale_refunds')
        .columns(['shop_id', 'order_id'])
        .execute();

      await db.schema
        .createTable('aftersale_idempotency_keys')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('operation', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('claimed_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_idempotency_keys_pk', ['shop_id', 'key'])
        .execute();
      await db.schema
        .createIndex('aftersale_idempotency_keys_state')
        .on('aftersale_idempotency_keys')
        .columns(['shop_id', 'state', 'claimed_at'])
        .execute();

      await db.schema
        .createTable('aftersale_webhook_inbox')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('platform', 'text', (column) => column.notNull())
        .addColumn('topic', 'text', (column) => column.notNull())
        .addColumn('dedupe_key', 'text', (column) => column.notNull())
        .addColumn('raw_body', 'text')
        .addColumn('headers', 'text')
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('received_at', 'text', (column) => column.notNull())
        .addColumn('available_at', 'text', (column) => column.notNull())
        .addColumn('lease_token', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('completed_at', 'text')
        .addUniqueConstraint('aftersale_webhook_inbox_dedupe', ['shop_id', 'dedupe_key'])
        .execute();
      await db.schema
        .createIndex('aftersale_webhook_inbox_due')
        .on('aftersale_webhook_inbox')
        .columns(['status', 'available_at'])
        .execute();
    },
  },
  {
    version: 2,
    name: 'complaints and their events, customer profiles, policy versions, outbox',
    async up(db, dialect) {
      await versioned(db, 'aftersale_complaints')
        .addColumn('customer_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('status', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_complaints_pk', ['shop_id', 'id'])
        .execute();
      await db.schema
        .createIndex('aftersale_complaints_customer')
        .on('aftersale_complaints')
        .columns(['shop_id', 'customer_id'])
        .execute();

      await db.schema
        .createTable('aftersale_complaint_events')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('complaint_id', 'text', (column) => column.notNull())
        .addColumn('sequence', 'integer', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('actor', 'text', (column) => column.notNull())
        .addColumn('note', 'text')
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_complaint_events_pk', ['shop_id', 'complaint_id', 'sequence'])
        .execute();

      await db.schema
        .createTable('aftersale_customer_profiles')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('customer_id', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_customer_profiles_pk', ['shop_id', 'customer_id'])
        .execute();

      await db.schema
        .createTable('aftersale_policy_versions')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('policy_id', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('effective_from', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_policy_versions_pk', ['shop_id', 'policy_id', 'version'])
        .execute();

      await db.schema
        .createTable('aftersale_outbox')
        .addColumn('sequence', dialect === 'postgres' ? 'bigint' : 'integer', (column) =>
          dialect === 'postgres'
            ? column.primaryKey().generatedAlwaysAsIdentity()
            : column.primaryKey().autoIncrement(),
        )
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('subject_id', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('published_at', 'text')
        .execute();
      await db.schema
        .createIndex('aftersale_outbox_unpublished')
        .on('aftersale_outbox')
        .columns(['published_at', 'sequence'])
        .execute();
    },
  },
  {
    version: 3,
    name: 'platform ids of refunds and return cases, complaint deadlines, per-shop inbox claims: columns, indexes, backfill',
    async up(db, dialect) {
      // A text field of the JSON document, or null (also for documents without it).
      const field = (name: string) =>
        dialect === 'postgres'
          ? sql<string | null>`(cast(data as jsonb) ->> ${name})`
          : sql<string | null>`json_extract(data, ${`$.${name}`})`;
      await db.schema.alterTable('aftersale_refunds').addColumn('platform_refund_id', 'text').execute();
      await db
        .updateTable('aftersale_refunds')
        .set({ platform_refund_id: field('platformRefundId') })
        .execute();
      await db.schema
        .createIndex('aftersale_refunds_platform')
        .on('aftersale_refunds')
        .columns(['shop_id', 'platform_refund_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_refunds_idempotency_key')
        .on('aftersale_refunds')
        .columns(['shop_id', 'idempotency_key'])
        .execute();

      await db.schema.alterTable('aftersale_return_cases').addColumn('platform_return_id', 'text').execute();
      await db
        .updateTable('aftersale_return_cases')
        .set({ platform_return_id: field('platformReturnId') })
        .execute();
      await db.schema
        .createIndex('aftersale_return_cases_platform')
        .on('aftersale_return_cases')
        .columns(['shop_id', 'platform_return_id'])
        .execute();
      await db.schema
        .createIndex('aftersale_return_cases_customer')
        .on('aftersale_return_cases')
        .columns(['shop_id', 'customer_id'])
        .execute();

      await db.schema
        .createIndex('aftersale_webhook_inbox_shop_due')
        .on('aftersale_webhook_inbox')
        .columns(['shop_id', 'status', 'available_at'])
        .execute();

      await db.schema.alterTable('aftersale_complaints').addColumn('due_at', 'text').execute();
      // Deadlines are kept in UTC (they sort as text), so the backfill converts each one in code.
      const due = await db
        .selectFrom('aftersale_complaints')
        .select(['shop_id', 'id', field('dueAt').as('due_at')])
        .where(field('dueAt'), 'is not', null)
        .execute();
      for (const row of due) {
        await db
          .updateTable('aftersale_complaints')
          .set({ due_at: new Date(row.due_at as string).toISOString() })
          .where('shop_id', '=', row.shop_id)
          .where('id', '=', row.id)
          .execute();
      }
      await db.schema
        .createIndex('aftersale_complaints_status_due')
        .on('aftersale_complaints')
        .columns(['shop_id', 'status', 'due_at'])
        .execute();
    },
  },
  {
    version: 4,
    name: 'knowledge-base articles and search gaps',
    async up(db) {
      await db.schema
        .createTable('aftersale_knowledge_articles')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('id', 'text', (column) => column.notNull())
        .addColumn('language', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_knowledge_articles_pk', ['shop_id', 'id'])
        .execute();
      await db.schema
        .createIndex('aftersale_knowledge_articles_language')
        .on('aftersale_knowledge_articles')
        .columns(['shop_id', 'language', 'id'])
        .execute();

      await db.schema
        .createTable('aftersale_search_gaps')
        .addColumn('shop_id', 'text', (column) => column.notNull())
        .addColumn('id', 'text', (column) => column.notNull())
        .addColumn('language', 'text', (column) => column.notNull())
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('aftersale_search_gaps_pk', ['shop_id', 'id'])
        .execute();
      await db.schema
        .createIndex('aftersale_search_gaps_at')
        .on('aftersale_search_gaps')
        .columns(['shop_id', 'at', 'id'])
        .execute();
    },
  },
];

/** The schema version this package writes. */
export const latestSchemaVersion = migrations.length;
