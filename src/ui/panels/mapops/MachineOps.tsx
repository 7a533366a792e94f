/**
 * The form's second part: what is not a map command on the loaded map. Create map (BPF_MAP_CREATE
 * and the program attached again, after a free), the offered load, and moving an RX queue's
 * interrupt to another CPU. Each field sits beside the button that uses it.
 */
import type { MapOpButton, MapOpForm } from './build';
import { Field } from './MapOpsForm';

/** Props: the form's values, a change callback, and what a button press runs. */
export interface MachineOpsProps {
  form: MapOpForm;
  onChange: (form: MapOpForm) => void;
  run: (button: MapOpButton) => void;
}

function TextInput({ id, value, size, onChange }: { id: string; value: string; size: number; onChange: (value: string) => void }) {
  return <input id={id} type="text" size={size} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** The Create map, Set rate and Move interrupt groups. */
export function MachineOps({ form, onChange, run }: MachineOpsProps) {
  return (
    <div className="mapops-fields">
      <span className="mapops-group">
        <Field label="max_entries">
          {(id) => <TextInput id={id} size={6} value={form.max} onChange={(max) => onChange({ ...form, max })} />}
        </Field>{' '}
        <button type="button" onClick={() => run('create')}>
          Create map
        </button>
      </span>
      <span className="mapops-group">
        <Field label="Offered rate">
          {(id) => <TextInput id={id} size={8} value={form.rate} onChange={(rate) => onChange({ ...form, rate })} />}
        </Field>{' '}
        <button type="button" onClick={() => run('rate')}>
          Set rate
        </button>
      </span>
      <span className="mapops-group">
        <Field label="RX queue">
          {(id) => <TextInput id={id} size={3} value={form.queue} onChange={(queue) => onChange({ ...form, queue })} />}
        </Field>{' '}
        <Field label="to CPU">
          {(id) => <TextInput id={id} size={3} value={form.cpu} onChange={(cpu) => onChange({ ...form, cpu })} />}
        </Field>{' '}
        <button type="button" onClick={() => run('irq')}>
          Move interrupt
        </button>
      </span>
    </div>
  );
}
