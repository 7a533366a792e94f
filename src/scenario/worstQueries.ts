/**
 * The largest queries the parser accepts, built from long runs of one character: where a
 * backtracking regular expression would go quadratic. The property tests parse them for
 * correctness; `npm run bench:engine -- parse` times them.
 */
import { MAX_QUERY_LENGTH } from './parse';

export function worstCaseQueries(): string[] {
  // Long runs of one character: where a backtracking regular expression would go quadratic.
  const fill = (unit: string, prefix: string, suffix = ''): string =>
    prefix + unit.repeat(Math.floor((MAX_QUERY_LENGTH - prefix.length - suffix.length) / unit.length)) + suffix;
  return [
    fill('0,', 'cpus=64&rx='),
    fill('0:1,', 'entries='),
    fill('1ms:free,', 'ops='),
    fill('0:free,', 'ops='),
    fill('x,', 'ops='),
    fill(':', 'ops=1ms'),
    fill('1', 'rate='),
    fill('1', 'rate=', 'e5'),
    fill('0', 'rate=1.', '1x'),
    fill('1', 'ops=1'),
    fill('0', 'ops=0.', '1ms:free'),
    fill('0', 'ops=1', 'ms:free'),
    fill('a=1&', ''),
    fill('cpus=1&', ''),
    fill('&', ''),
    fill('%', 'stack='),
    fill('9', 'link=0.'),
    fill('0', 'drop=0.'),
    fill('0', 'drop=0.', '1'),
    fill('0', 'link=', '.5'),
    fill('alloc-bulk,', 'opt='),
  ];
}
