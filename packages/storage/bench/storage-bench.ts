// `pnpm bench`: the storage benchmark at full size. Prints one line per workload, then
// `storage ratio-vs-driver sqlite=<x> postgres=<y>` (the worse workload of each backend).
import { fullSizes, ratioLine, runStorageBench } from './run-storage-bench.js';

const results = await runStorageBench(fullSizes, (line) => console.log(line));
console.log(ratioLine(results));
