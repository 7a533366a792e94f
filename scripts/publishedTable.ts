/** Prints the README's table of published figures against the model (`node scripts/run-ts.mjs scripts/publishedTable.ts`). */
import { publishedTable } from '../src/calibration/publishedTable';

console.log(publishedTable());
