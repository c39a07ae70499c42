// The conformance suites, which need vitest (a peer dependency): `@aftersale/testkit/vitest`.

export {
  type AdapterConformanceContext,
  type AdapterConformanceOptions,
  runAdapterConformance,
  type SeededCanonicalOrder,
} from './adapter-conformance/run-adapter-conformance.js';
export {
  type ConformanceClock,
  type RemoteStore,
  runStoreConformance,
  type StoreConformanceOptions,
  type StoreFactory,
} from './store-conformance/run-store-conformance.js';
