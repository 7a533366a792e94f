/**
 * Writes a scenario as a URL query string, the inverse of `parseScenario`: for every valid
 * scenario, parsing what this writes gives the same scenario back, with no problems.
 */
import { defaultMax, defaultRate, defaultRx, DEFAULT_SCENARIO } from './defaults';
import { DEFAULT_BURST, DEFAULT_TCP_RUN, SCENARIO_PARAMS, type ScenarioParam } from './parse';
import { OPTIMIZATIONS, type MapOpSpec, type Scenario, type Traffic } from './types';
import { formatDecimal, formatDuration, formatRate } from './units';
import { entryProgText } from './entryProg';

/**
 * The query string of `s`, without the leading `?`, parameters in the fixed order of
 * `SCENARIO_PARAMS`. `short` (the default) leaves out parameters equal to their default (`max`
 * when it equals `cpus`, and likewise the other defaults that depend on other parameters);
 * `full` writes every parameter, except `opt` when it is null, `traffic` when it is udp and `mode` when it is native. Meant to be read by people:
 * commas and colons are written as they are, rates and durations in their short forms.
 *
 * @throws RangeError when a number in `s` cannot be written (negative, NaN, a fractional time):
 *   only scenarios that `parseScenario` could produce are supported.
 */
export function serializeScenario(s: Scenario, mode: 'full' | 'short' = 'short'): string {
  // The defaults in the context of `s`, for the parameters whose default depends on others.
  const defaults: Scenario = {
    ...DEFAULT_SCENARIO,
    max: defaultMax(s.cpus),
    rx: defaultRx(s.cpus),
    rate: defaultRate(s.link, s.size),
  };
  const parts: string[] = [];
  for (const param of SCENARIO_PARAMS) {
    const value = valueText(s, param);
    if (value === null) continue;
    // Writing is one-to-one on valid values, so equal texts mean equal values.
    if (mode === 'short' && value === valueText(defaults, param)) continue;
    parts.push(`${param}=${encodeValue(value)}`);
  }
  return parts.join('&');
}

/** The text of one parameter of `s`, or null when it is not written at all (`opt` null, `mode` native). */
function valueText(s: Scenario, param: ScenarioParam): string | null {
  switch (param) {
    case 'kernel':
      return s.kernel;
    case 'opt':
      if (s.opt === null) return null;
      if (s.opt.length === 0) return 'none';
      return s.opt.join(',') === OPTIMIZATIONS.join(',') ? 'all' : s.opt.join(',');
    case 'preempt':
      return s.preempt;
    case 'cpus':
      return String(s.cpus);
    case 'max':
      return String(s.max);
    case 'rx':
      return s.rx.join(',');
    case 'ring':
      return String(s.ring);
    case 'entries':
      return s.entries.map((e) => `${e.cpu}:${e.qsize}${entryProgText(e.prog)}`).join(',');
    case 'rate':
      return formatRate(s.rate);
    case 'size':
      return String(s.size);
    case 'link':
      return formatDecimal(s.link);
    case 'flows':
      return String(s.flows);
    case 'arrival':
      if (s.arrival.kind !== 'bursty') return s.arrival.kind;
      return s.arrival.burst === DEFAULT_BURST ? 'bursty' : `bursty:${s.arrival.burst}`;
    case 'traffic':
      // Left out when it is udp, even in `full`: scenarios written before it existed keep their text.
      return s.traffic.kind === 'udp' ? null : trafficText(s.traffic);
    case 'prog':
      return s.prog.kind === 'cpu' ? `cpu:${s.prog.cpu}` : s.prog.kind;
    case 'mode':
      // Written only for generic XDP, so a native scenario reads as it did before `mode` existed.
      return s.mode === 'native' ? null : s.mode;
    case 'drop':
      return formatDecimal(s.drop);
    case 'stack':
      return s.stack;
    case 'seed':
      return String(s.seed);
    case 'cap':
      return s.cap ? '1' : '0';
    case 'ops':
      return s.ops.map(opText).join(',');
  }
}

/** The text of `traffic`: `udp`, `tcp` (the default run) or `tcp:N`. */
export function trafficText(t: Traffic): string {
  if (t.kind === 'udp') return 'udp';
  return t.run === DEFAULT_TCP_RUN ? 'tcp' : `tcp:${t.run}`;
}

/** One `ops` item: `TIME:OP[:ARGS]`, leaving out arguments equal to their default. */
function opText(op: MapOpSpec): string {
  const at = formatDuration(op.at);
  switch (op.op) {
    case 'update': {
      const flags = op.flags === 0 ? '' : `:${op.flags}`;
      return `${at}:update:${op.key}:${op.qsize}${flags}${entryProgText(op.prog)}`;
    }
    case 'delete':
    case 'lookup':
      return `${at}:${op.op}:${op.key}`;
    case 'next':
      return op.key === null ? `${at}:next` : `${at}:next:${op.key}`;
    case 'free':
      return `${at}:free`;
    case 'create':
      return op.max === null ? `${at}:create` : `${at}:create:${op.max}`;
    case 'rate':
      return `${at}:rate:${formatRate(op.rate)}`;
    case 'irq':
      return `${at}:irq:${op.queue}:${op.cpu}`;
    case 'failslab':
      return op.count === 1 ? `${at}:failslab` : `${at}:failslab:${op.count}`;
    case 'rt':
      return `${at}:rt:${op.cpu}:${formatDuration(op.ns)}`;
  }
}

/** A UTF-16 surrogate without its other half: no character, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes only what a query value needs; `:`, `,` and `=` (an entry's `prog=`) stay
 * readable: the parser splits a pair at its first `=`. (Values of a valid
 * scenario are plain ASCII and need nothing; this guards against anything else, such as a
 * scenario file's string with a lone surrogate, written as U+FFFD as a URL's decoding would.)
 */
function encodeValue(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3D/g, '=');
}
