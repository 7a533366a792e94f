/**
 * A 'load' for the simulation worker with the page's own parse of its query attached: the page
 * parses it anyway, and the worker then needs no parser of its own (see worker/scenarioOfLoad.ts).
 */
import { parseScenario } from '../scenario/parse';
import { VIEW_PARAMS } from '../scenario/viewParams';
import type { ToWorker } from '../worker/protocol';

export function withParsedLoad(msg: ToWorker): ToWorker {
  if (msg.type !== 'load' || msg.parsed !== undefined) return msg;
  const { scenario, problems } = parseScenario(msg.query, { extraParams: VIEW_PARAMS });
  return { ...msg, parsed: { scenario, problems } };
}
