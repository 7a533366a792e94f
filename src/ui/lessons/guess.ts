/** A typed guess read as the scenario form reads a rate, and how far it is from the answer, in words. */
import { parseRate } from '../../scenario/units';

/** A unit a reader may type after the number ("2.4 Mpps", "10000 wake-ups/s"); the question names the unit. */
const TRAILING_UNIT = /(?:pps|fps|frames\/s|wake-ups\/s|\/s|framesperflush|framesperbulk)$/i;

/**
 * The guess `text` as a number: digits with an optional fraction and an optional `k`, `M` or `G`
 * as the scenario form's Rate field takes them (`2M`, `500k`, `1.5 Mpps`), thousands separators
 * and spaces allowed; or why it is not one.
 */
export function parseGuess(text: string): { value: number } | { problem: string } {
  const typed = text.trim();
  if (typed === '') return { problem: 'Type a number, or run without a guess.' };
  const squashed = typed.replace(/[,_\s]/g, '').replace(TRAILING_UNIT, '');
  if (squashed.startsWith('-')) return { problem: `"${typed}" is negative: the answer is a count, 0 or more.` };
  const value = parseRate(squashed);
  if (value === null) return { problem: `"${typed}" is not a number the page reads: write it as 2M, 500k, 3,180,074 or 2.4.` };
  return { value };
}

/** How far a guess is from the answer, in words. */
export function offBy(guess: number, answer: number): string {
  if (guess === answer) return 'exact';
  if (answer === 0) return `${guess > 0 ? 'above' : 'below'} 0`;
  const pct = Math.abs(((guess - answer) / answer) * 100);
  const side = guess > answer ? 'above' : 'below';
  return pct < 0.5 ? 'within 0.5%' : `${pct < 10 ? pct.toFixed(1) : Math.round(pct).toLocaleString('en-US')}% ${side}`;
}
