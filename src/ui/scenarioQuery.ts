/**
 * The scenario form's arithmetic on query strings: the text of each editable parameter for a
 * loaded query, and the query for edited texts, checked by the same parser the worker uses.
 */
import { parseScenario, type ScenarioParam } from '../scenario/parse';
import { serializeScenario, trafficText } from '../scenario/serialize';
import type { ScenarioProblem } from '../scenario/types';

import { VIEW_PARAMS } from '../scenario/viewParams';

/** URL parameters of the page's view, which the scenario parser is told to ignore (shared with the worker). */
export { VIEW_PARAMS };

/** The parameters the form edits; the others (opt, max, ring, link, drop, cap, ops) are kept as loaded. */
export const FORM_PARAMS = [
  'kernel',
  'preempt',
  'cpus',
  'rx',
  'entries',
  'rate',
  'size',
  'flows',
  'arrival',
  'traffic',
  'prog',
  'mode',
  'stack',
  'seed',
] as const;
/** One parameter the form edits (a ScenarioParam: the Extract makes a typo a type error below). */
export type FormParam = Extract<(typeof FORM_PARAMS)[number], ScenarioParam>;
/** The form's text for each parameter, as typed. */
export type FormValues = Record<FormParam, string>;

/** The text of every form parameter in the scenario `query` describes (defaults written out). */
export function formValues(query: string): FormValues {
  const { scenario } = parseScenario(query, { extraParams: VIEW_PARAMS });
  const full = new URLSearchParams(serializeScenario(scenario, 'full'));
  const out = {} as FormValues;
  for (const p of FORM_PARAMS) out[p] = full.get(p) ?? '';
  // The full form leaves out a native `mode` (see serializeScenario); the select still shows it.
  out.mode = scenario.mode;
  // Likewise udp traffic, which the field still shows.
  out.traffic = trafficText(scenario.traffic);
  return out;
}

/**
 * The query for `values` on top of the scenario of `base` (parameters the form does not show
 * are kept), in its short canonical form, or the parser's problems when a value is not allowed.
 */
export function queryFor(base: string, values: FormValues): { query: string; problems: ScenarioProblem[] } {
  const { scenario } = parseScenario(base, { extraParams: VIEW_PARAMS });
  const params = new URLSearchParams(serializeScenario(scenario));
  // Stray spaces from typing are not worth a problem message; anything else is the parser's call.
  for (const p of FORM_PARAMS) params.set(p, values[p].trim());
  const parsed = parseScenario(params.toString());
  if (parsed.problems.length > 0) return { query: '', problems: parsed.problems };
  return { query: serializeScenario(parsed.scenario), problems: [] };
}

/** Normal forms of the queries asked about lately (the presets', the steps', the loaded one). */
const normalForms = new Map<string, string>();
const KEEP_NORMAL_FORMS = 128;

/**
 * The short form of the scenario `query` describes (view parameters ignored), remembered: the
 * preset picker and the lesson panel ask on every render, and a link's query may be 64 KiB of junk.
 */
export function scenarioNormalForm(query: string): string {
  let form = normalForms.get(query);
  if (form === undefined) {
    form = serializeScenario(parseScenario(query, { extraParams: VIEW_PARAMS }).scenario, 'short');
    if (normalForms.size >= KEEP_NORMAL_FORMS) normalForms.delete(normalForms.keys().next().value as string);
    normalForms.set(query, form);
  }
  return form;
}

/** Whether two queries describe the same scenario. */
export function sameScenario(a: string, b: string): boolean {
  return scenarioNormalForm(a) === scenarioNormalForm(b);
}

/** Shows `query` in the address bar (shareable) without reloading the page. */
export function showInAddressBar(query: string): void {
  const url = query === '' ? location.pathname : `${location.pathname}?${query}`;
  history.replaceState(history.state, '', url);
}
