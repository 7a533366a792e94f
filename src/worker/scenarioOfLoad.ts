/**
 * The scenario a 'load' builds. The page parses the query itself (it shows the problems) and
 * sends the result along, so the simulation worker's first load carries no parser; a load
 * without one (the worker's tests in Node) is parsed by the parser installed up front
 * (parserInstall.ts), as the later kernels' code is.
 */
import type { ParsedLoad } from './protocol';

let parser: ((query: string) => ParsedLoad) | null = null;

/** Makes the scenario parser available to loads that come without a parsed scenario. */
export function installParser(parse: (query: string) => ParsedLoad): void {
  parser = parse;
}

export function scenarioOfLoad(msg: { query: string; parsed?: ParsedLoad }): ParsedLoad {
  if (msg.parsed !== undefined) return msg.parsed;
  if (parser === null)
    throw new Error('a load came without its parsed scenario, and no parser is installed (import src/worker/parserInstall)');
  return parser(msg.query);
}
