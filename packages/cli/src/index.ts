export { type CliIo, createProcessIo } from './cli-io.js';
export {
  type CliArgument,
  type CliCommand,
  type CliCommandGroup,
  type CliCommandInput,
  type CliOption,
  defineCommand,
  defineCommandGroup,
} from './command-registry.js';
export { policyCommandGroup } from './policy/policy-command-group.js';
export { jsonPath, loadJsonFile, parseFileData, readJsonFile } from './read-json-file.js';
export { createProgram, defaultCommandGroups, defaultCommands, exitCodes, runCli } from './run-cli.js';
export { migrateCommand } from './store/migrate-command.js';
export { describeStore, openStore } from './store/open-store.js';
export {
  adapterFromEnvironment,
  createSyncCommand,
  type SyncAdapterFactory,
  type SyncPlatform,
  syncCommand,
} from './store/sync-command.js';
