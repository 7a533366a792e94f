/**
 * The scenario form: the main parameters as text (the URL form, so any value the parser accepts
 * can be typed), a preset picker, and Apply, which loads the edited scenario without reloading
 * the page. A value the parser refuses is shown with its message, and nothing else changes.
 */
import { useState, type FormEvent } from 'react';
import { useUi } from './store';
import { PresetPicker } from './PresetPicker';
import { ParamControl } from './ParamControl';
import { ScenarioFileControls } from './exports/ScenarioFileControls';
import { formValues, queryFor, showInAddressBar, type FormParam, type FormValues } from './scenarioQuery';
import { PREEMPT_MODELS, STACK_VERDICTS, XDP_MODES, type ScenarioProblem } from '../scenario/types';
import { KERNEL_VERSIONS } from '../scenario/kernels';

/** One field of the form (the side-by-side view's "Run B" form shows the same ones). */
export interface Field {
  param: FormParam;
  label: string;
  hint: string;
  /** A closed set: a select. */
  options?: readonly string[];
  /** Common values offered while typing. */
  suggestions?: readonly string[];
}

export const FIELDS: readonly Field[] = [
  { param: 'kernel', label: 'Kernel', hint: 'which cpumap.c', options: KERNEL_VERSIONS },
  { param: 'preempt', label: 'Preemption', hint: 'full: CONFIG_PREEMPT', options: PREEMPT_MODELS },
  { param: 'cpus', label: 'CPUs', hint: '1 to 64' },
  { param: 'rx', label: 'RX placement', hint: 'CPU per RX queue: 0,1' },
  { param: 'entries', label: 'Entries', hint: 'cpu:qsize, e.g. 4:192' },
  { param: 'rate', label: 'Rate', hint: 'frames/s, e.g. 1M, 500k' },
  { param: 'size', label: 'Frame size', hint: 'bytes, 64 to 1518' },
  { param: 'flows', label: 'Flows', hint: '1 to 65536' },
  {
    param: 'arrival',
    label: 'Arrival',
    hint: 'e.g. poisson, bursty:8',
    suggestions: ['constant', 'poisson', 'bursty', 'bursty:8'],
  },
  { param: 'traffic', label: 'Traffic', hint: 'udp, tcp or tcp:N', suggestions: ['udp', 'tcp', 'tcp:64'] },
  { param: 'prog', label: 'Program', hint: 'rr, hash or cpu:N', suggestions: ['rr', 'hash', 'cpu:4'] },
  { param: 'mode', label: 'XDP mode', hint: 'skb: generic XDP', options: XDP_MODES },
  { param: 'stack', label: 'Stack', hint: 'what the stack does', options: STACK_VERDICTS },
  { param: 'seed', label: 'Seed', hint: '0 to 4294967295' },
];

/** The scenario panel: presets, the form, and problems. */
export function ScenarioForm() {
  const query = useUi((s) => s.query);
  return (
    <section className="scenario" aria-labelledby="scenario-title">
      <h2 id="scenario-title">Scenario</h2>
      <PresetPicker />
      {/* A new loaded scenario starts the fields afresh; edits survive anything else. */}
      <ScenarioFields key={query} query={query} />
      <ScenarioFileControls />
    </section>
  );
}

function ScenarioFields({ query }: { query: string }) {
  const loadScenario = useUi((s) => s.loadScenario);
  const loadProblems = useUi((s) => s.problems);
  const [values, setValues] = useState<FormValues>(() => formValues(query));
  const [problems, setProblems] = useState<ScenarioProblem[]>([]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = queryFor(query, values);
    setProblems(result.problems);
    if (result.problems.length > 0) return;
    loadScenario(result.query);
    showInAddressBar(result.query);
  };

  const bad = new Set(problems.map((p) => p.param));
  return (
    <form aria-label="Scenario" className="scenario-form" onSubmit={onSubmit} noValidate>
      <div className="fields">
        {FIELDS.map((f) => (
          <FieldInput
            key={f.param}
            field={f}
            value={values[f.param]}
            invalid={bad.has(f.param)}
            onChange={(v) => setValues({ ...values, [f.param]: v })}
          />
        ))}
      </div>
      {/* Sticky at the bottom of the side pane: Apply stays on the first screen however tall the
          fields come out in the reader's fonts. */}
      <div className="form-actions">
        <button type="submit" className="primary apply">
          Apply
        </button>
      </div>
      <Problems title="Not applied:" problems={problems} />
      {problems.length === 0 && <Problems title="The address had problems (defaults used):" problems={loadProblems} />}
    </form>
  );
}

function FieldInput({ field, value, invalid, onChange }: { field: Field; value: string; invalid: boolean; onChange: (v: string) => void }) {
  const id = `scenario-${field.param}`;
  const listId = field.suggestions ? `${id}-list` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <ParamControl id={id} value={value} options={field.options} invalid={invalid} onChange={onChange} list={listId} />
      {field.suggestions && (
        <datalist id={listId}>
          {field.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <small id={`${id}-hint`} className="hint">
        {field.hint}
      </small>
    </div>
  );
}

function Problems({ title, problems }: { title: string; problems: ScenarioProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="problems">
      <p>{title}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
