// `pnpm bench`: the storage benchmark at full size. Prints one line per workload, then
// the same ratios with validation taken out, and last the line the issue asks for:
// `storage ratio-vs-driver sqlite=<x> postgres=<y>` (the worse workload of each backend).
import { fullSizes, ratioLine, ratioWithoutValidationLine, runStorageBench } from './run-storage-bench.js';

const results = await runStorageBench(fullSizes, (line) => console.log(line));
console.log(ratioWithoutValidationLine(results));
console.log(ratioLine(results));
