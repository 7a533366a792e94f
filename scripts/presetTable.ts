/**
 * Prints the README's preset table from src/scenario/presets.ts (`node scripts/run-ts.mjs
 * scripts/presetTable.ts`); a test checks that the README's table is this one.
 */
import { presetTable } from '../src/scenario/presetTable';

console.log(presetTable());
