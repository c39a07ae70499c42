// Prints the relevance table of docs/concepts/knowledge-base.md: hit rate at 1 and 3 of the search
// and of a plain substring-match baseline on the committed query sets. `--misses` also lists the
// queries whose expected article did not rank first.
import { measureRelevance, relevanceTable } from '../test/relevance-harness.js';

const turkish = measureRelevance('tr');
const english = measureRelevance('en');
console.log(relevanceTable([...turkish.rows, ...english.rows]));
if (process.argv.includes('--misses')) {
  for (const miss of [...turkish.misses, ...english.misses]) console.log(miss);
}
