/**
 * What to sweep: a parameter and its LIST, optionally a second one, and how long each point is
 * measured. Each LIST is checked as it is typed (the message beside the field); Run starts the
 * sweep over the page's current scenario and puts it in the address as `sweep=`.
 */
import { useState, type FormEvent } from 'react';
import { formatDuration } from '../../scenario/units';
import { parseSweepList } from '../../sweep/sweepList';
import { sweepParam, SWEEP_PARAMS } from '../../sweep/sweepParams';
import { DEFAULT_MEASURED_NS, readAxes, readMeasured, sweepLinkValue, type SweepAxis } from '../../sweep/sweepSpec';
import type { LinkSweep } from './SweepEntry';
import { PAGE_SWEEP_WINDOW } from '../../sweep/sweepDefaults';
import type { PointWindow } from '../../sweep/runPoint';

const WARMUP = formatDuration(PAGE_SWEEP_WINDOW.warmupNs);

/** An example LIST for each kind of value, as the placeholder. */
/** Example lists of the word parameters (they take comma lists only). */
const WORD_EXAMPLES: Record<string, string> = {
  kernel: '5.0,5.2',
  opt: 'none,consume-batched,all',
  stack: 'iptables-drop,udp-noport',
  arrival: 'constant,poisson,bursty',
  preempt: 'full,none',
  prog: 'rr,hash',
  mode: 'native,skb',
};

/** An example list of `param`: a range for numbers, a comma list for words (they have no ranges). */
function listExample(param: string): string {
  const kind = sweepParam(param)?.kind;
  if (param === 'qsize') return '32..4096x2';
  if (kind === 'rate') return '1M..14.88M+1M';
  if (kind === 'decimal') return '0..1+0.25';
  if (kind === 'whole') return '1..4+1';
  return WORD_EXAMPLES[param] ?? 'a,b';
}

/** How to write a list of `param`. */
function listHint(param: string): string {
  const words = sweepParam(param)?.kind === 'word';
  return `${words ? 'a comma list' : 'a comma list or a range'} (${listExample(param)})`;
}

/** The message for `list` of `param`, or null when it reads. */
function listProblem(param: string, list: string): string | null {
  const p = sweepParam(param);
  if (p === undefined) return null;
  const r = parseSweepList(p, list);
  return r.ok ? null : r.message;
}

export interface SweepFormProps {
  /** The sweep to show (a link's, or the last one run), or null for the defaults. */
  initial: LinkSweep | null;
  /** Whether a scenario is loaded to sweep over. */
  ready: boolean;
  onRun: (axes: SweepAxis[], window: PointWindow, link: string) => void;
}

export function SweepForm({ initial, ready, onRun }: SweepFormProps) {
  const [param, setParam] = useState(initial?.axes[0]?.param ?? 'qsize');
  const [list, setList] = useState(initial?.axes[0]?.list ?? '32,64,128,256,512');
  const [param2, setParam2] = useState(initial?.axes[1]?.param ?? '');
  const [list2, setList2] = useState(initial?.axes[1]?.list ?? '');
  const [measured, setMeasured] = useState(formatDuration(initial?.measuredNs ?? DEFAULT_MEASURED_NS));
  const [problems, setProblems] = useState<string[]>([]);

  // A sweep started elsewhere (a link) shows in the form (state adjusted while rendering, as React advises).
  const [shown, setShown] = useState(initial);
  if (initial !== shown) {
    setShown(initial);
    if (initial !== null) {
      setParam(initial.axes[0].param);
      setList(initial.axes[0].list);
      setParam2(initial.axes[1]?.param ?? '');
      setList2(initial.axes[1]?.list ?? '');
      setMeasured(formatDuration(initial.measuredNs));
    }
  }

  const listMessage = listProblem(param, list);
  const list2Message = param2 === '' ? null : listProblem(param2, list2);
  const measuredRead = readMeasured(measured);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pairs: [string, string][] = [[param, list]];
    if (param2 !== '') pairs.push([param2, list2]);
    const read = readAxes(pairs);
    const messages = [...(read.ok ? [] : read.messages), ...('message' in measuredRead ? [`Measure for: ${measuredRead.message}`] : [])];
    setProblems(messages);
    if (!read.ok || 'message' in measuredRead) return;
    const window = { warmupNs: PAGE_SWEEP_WINDOW.warmupNs, durationNs: PAGE_SWEEP_WINDOW.warmupNs + measuredRead.ns };
    onRun(read.axes, window, sweepLinkValue(read.axes, measuredRead.ns));
  };

  return (
    <form className="sweep-form" aria-label="Sweep settings" onSubmit={submit} noValidate>
      <div className="sweep-fields">
        <ParamField id="sweep-param" label="Vary" value={param} onChange={setParam} />
        <ListField id="sweep-list" label="Values" param={param} value={list} message={listMessage} onChange={setList} />
        <ParamField id="sweep-param2" label="Then vary" value={param2} onChange={setParam2} optional />
        {param2 === '' ? null : (
          <ListField id="sweep-list2" label="Its values" param={param2} value={list2} message={list2Message} onChange={setList2} />
        )}
        <div className="field">
          <label htmlFor="sweep-measured">Measure for</label>
          <input
            id="sweep-measured"
            type="text"
            value={measured}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={'message' in measuredRead || undefined}
            aria-describedby="sweep-measured-hint"
            onChange={(e) => setMeasured(e.target.value)}
          />
          <small id="sweep-measured-hint" className={'message' in measuredRead ? 'hint sweep-field-problem' : 'hint'}>
            {'message' in measuredRead ? measuredRead.message : `simulated, after a ${WARMUP} warm-up`}
          </small>
        </div>
      </div>
      <button type="submit" className="primary" disabled={!ready}>
        Run sweep
      </button>
      {ready ? null : <span className="hint"> (once the scenario has loaded)</span>}
      {problems.length > 0 && (
        <ul role="alert" className="sweep-problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

function ParamField(props: { id: string; label: string; value: string; optional?: boolean; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.optional ? <option value="">nothing else</option> : null}
        {SWEEP_PARAMS.map((p) => (
          <option key={p.name} value={p.name} title={p.means}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ListField(props: {
  id: string;
  label: string;
  param: string;
  value: string;
  message: string | null;
  onChange: (v: string) => void;
}) {
  const means = sweepParam(props.param)?.means ?? '';
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={listExample(props.param)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={props.message !== null || undefined}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <small id={`${props.id}-hint`} className={props.message === null ? 'hint' : 'hint sweep-field-problem'} aria-live="polite">
        {props.message ?? `${means}: ${listHint(props.param)}`}
      </small>
    </div>
  );
}
