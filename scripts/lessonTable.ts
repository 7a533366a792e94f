/**
 * Prints the README's lesson table from src/lessons (`node scripts/run-ts.mjs
 * scripts/lessonTable.ts`); a test checks that the README's table is this one.
 */
import { lessonTable } from '../src/lessons/lessonTable';

console.log(lessonTable());
