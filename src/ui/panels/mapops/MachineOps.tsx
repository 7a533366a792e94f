/**
 * The form's second part: what is not a map command on the loaded map. Create map (BPF_MAP_CREATE
 * and the program attached again, after a free), the offered load, and moving an RX queue's
 * interrupt to another CPU. Each field sits beside the button that uses it.
 */
import type { MapOpButton, MapOpForm } from './build';
import { TextField } from './MapOpsForm';

/** Props: the form's values, a change callback, and what a button press runs. */
export interface MachineOpsProps {
  form: MapOpForm;
  onChange: (form: MapOpForm) => void;
  run: (button: MapOpButton) => void;
}

/** The Create map, Set rate and Move interrupt groups. */
export function MachineOps({ form, onChange, run }: MachineOpsProps) {
  return (
    <div className="mapops-fields">
      <span className="mapops-group">
        <TextField label="max_entries" name="max" size={6} form={form} onChange={onChange} />{' '}
        <button type="button" onClick={() => run('create')}>
          Create map
        </button>
      </span>
      <span className="mapops-group">
        <TextField label="Offered rate" name="rate" size={8} form={form} onChange={onChange} />{' '}
        <button type="button" onClick={() => run('rate')}>
          Set rate
        </button>
      </span>
      <span className="mapops-group">
        <TextField label="RX queue" name="queue" size={3} form={form} onChange={onChange} />{' '}
        <TextField label="to CPU" name="cpu" size={3} form={form} onChange={onChange} />{' '}
        <button type="button" onClick={() => run('irq')}>
          Move interrupt
        </button>
      </span>
    </div>
  );
}
