/** How far a guess is from the answer, in words. */
export function offBy(guess: number, answer: number): string {
  if (guess === answer) return 'exact';
  if (answer === 0) return `${guess > 0 ? 'above' : 'below'} 0`;
  const pct = Math.abs(((guess - answer) / answer) * 100);
  const side = guess > answer ? 'above' : 'below';
  return pct < 0.5 ? 'within 0.5%' : `${pct < 10 ? pct.toFixed(1) : Math.round(pct).toLocaleString('en-US')}% ${side}`;
}
