import { AftersaleError } from '@aftersale/core';
import { latestSchemaVersion } from '@aftersale/storage';
import { defineCommand } from '../command-registry.js';
import { printJson } from '../policy/shared-options.js';
import { describeStore, openStore, storeOptions } from './open-store.js';

/** `aftersale migrate`: brings a store's schema to the latest version (safe from several instances at once). */
export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: "bring a store's schema to the latest version (or --to a version)",
  description:
    "Runs the store's versioned migrations, keeping its data. Safe to run from several instances at once: one migrates, the others wait and find it done. Migrating is always explicit: the library never migrates on its own.",
  arguments: [],
  options: [
    ...storeOptions,
    {
      flags: '--to <version>',
      description: `the schema version to reach (default: the latest, ${latestSchemaVersion})`,
    },
  ],
  examples: [
    'aftersale migrate --store sqlite:aftersale.sqlite',
    'DATABASE_URL=postgres://app@db/shop aftersale migrate --json',
  ],
  async run({ options, io }) {
    let to: number | undefined;
    if (options.to !== undefined) {
      to = Number(options.to);
      if (!Number.isInteger(to) || to < 0 || to > latestSchemaVersion) {
        throw new AftersaleError({
          code: 'invalid_input',
          message: `--to ${JSON.stringify(options.to)}: give a schema version from 0 to ${latestSchemaVersion}.`,
        });
      }
    }
    const store = openStore(options.store, { schema: options.schema });
    try {
      const result = await store.migrate(to === undefined ? {} : { to });
      const where = describeStore(options.store);
      if (options.json) printJson(io, { store: where, backend: store.backend, ...result, latest: latestSchemaVersion });
      else {
        io.stdout(
          result.from === result.to
            ? `${where}: schema ${result.to}, nothing to migrate\n`
            : `${where}: schema ${result.from} → ${result.to}\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
});
