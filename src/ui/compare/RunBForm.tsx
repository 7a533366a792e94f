/**
 * The "Run B" form: the parameters run B changes from run A, each editable (as text, or a select
 * for a closed set, named and hinted as in the scenario form), any other scenario parameter added
 * from a list, and Apply, which starts the pair again from time 0 with the new run B. A value the
 * parser refuses is named with its message; nothing is applied and the typed values stay.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ScenarioParam } from '../../scenario/parse';
import type { ScenarioProblem } from '../../scenario/types';
import { FIELDS } from '../ScenarioForm';
import { ParamControl } from '../ParamControl';
import type { FormParam } from '../scenarioQuery';
import type { ComparePair } from './compareQuery';
import { addableParams, checkRunB, rowFromA, rowsOf, withValue, type RunBRow } from './runBForm';

interface FieldInfo {
  label: string;
  hint: string;
  /** A closed set: a select. */
  options?: readonly string[];
}

/** The parameters the scenario form does not show, named and hinted here. */
const MORE: Record<Exclude<ScenarioParam, FormParam>, FieldInfo> = {
  opt: { label: 'Optimizations', hint: 'none, all, or a list of consume-batched, build-skb-around, alloc-bulk, prefetchw' },
  max: { label: 'max_entries', hint: '0 to 4294967295' },
  ring: { label: 'NIC ring', hint: 'descriptors per RX queue, 32 to 8192' },
  link: { label: 'Link', hint: 'Gbit/s, 0.1 to 400' },
  drop: { label: 'XDP_DROP share', hint: '0 to 1' },
  cap: { label: 'CAP_SYS_ADMIN', hint: '1: the loader has it, 0: not', options: ['1', '0'] },
  ops: { label: 'Operations', hint: 'timed map operations, e.g. 2ms:update:4:64' },
};

function fieldInfo(param: ScenarioParam): FieldInfo {
  return FIELDS.find((f) => f.param === param) ?? MORE[param as keyof typeof MORE];
}

export function RunBForm({ pair, onApply }: { pair: ComparePair; onApply: (compare: string) => void }) {
  const [rows, setRows] = useState<RunBRow[]>(() => rowsOf(pair.applied));
  const [problems, setProblems] = useState<ScenarioProblem[]>([]);
  const addable = addableParams(rows);
  const [adding, setAdding] = useState<ScenarioParam | undefined>(addable[0]);
  const addId = useId();
  // After an add, the choice moves to a parameter still missing.
  const toAdd = adding !== undefined && addable.includes(adding) ? adding : addable[0];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const result = checkRunB(pair.a, rows);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    onApply(result.compare);
  };
  const bad = new Set(problems.map((p) => p.param));

  return (
    <form aria-label="Run B" className="run-b-form" onSubmit={onSubmit} noValidate>
      <h2>Run B&apos;s differences from run A</h2>
      {rows.length === 0 ? <p className="run-b-none">nothing changed (the same scenario)</p> : null}
      {rows.map((row) => (
        <RowInput
          key={row.param}
          row={row}
          invalid={bad.has(row.param)}
          onChange={(value) => setRows(withValue(rows, row.param, value))}
          onRemove={() => setRows(rows.filter((r) => r.param !== row.param))}
        />
      ))}
      {toAdd === undefined ? null : (
        <div className="field run-b-add">
          <label htmlFor={addId}>Add a parameter</label>
          <span className="run-b-input">
            <select id={addId} value={toAdd} onChange={(e) => setAdding(e.target.value as ScenarioParam)}>
              {addable.map((p) => (
                <option key={p} value={p}>
                  {fieldInfo(p).label} ({p})
                </option>
              ))}
            </select>
            <button type="button" onClick={() => setRows([...rows, rowFromA(pair.a, toAdd)])}>
              Add
            </button>
          </span>
          <small className="hint">starts at run A&apos;s value</small>
        </div>
      )}
      <div className="run-b-apply">
        <button type="submit" className="primary">
          Apply
        </button>
        <small className="hint">both runs start again from 0</small>
      </div>
      {problems.length === 0 ? null : (
        <div role="alert" className="problems">
          <p>Not applied:</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

function RowInput({
  row,
  invalid,
  onChange,
  onRemove,
}: {
  row: RunBRow;
  invalid: boolean;
  onChange: (v: string) => void;
  onRemove: () => void;
}) {
  const info = fieldInfo(row.param);
  const id = `run-b-${row.param}`;
  return (
    <div className="field">
      <label htmlFor={id}>{info.label}</label>
      <span className="run-b-input">
        <ParamControl
          id={id}
          value={row.value}
          options={info.options}
          invalid={invalid}
          onChange={onChange}
          size={Math.min(Math.max(row.value.length + 2, 8), 28)}
        />
        <button type="button" onClick={onRemove} aria-label={`Remove ${info.label}`} title={`Back to run A's ${row.param}`}>
          ×
        </button>
      </span>
      <small id={`${id}-hint`} className="hint">
        {row.param}: {info.hint}
      </small>
    </div>
  );
}
