/** The map operation fields: Key, qsize, and Flags (a named flag or a free number). */
import { useId, type ReactNode } from 'react';
import type { FlagsChoice, MapOpForm } from './build';

/** Props: the form's values and a change callback. */
export interface MapOpsFieldsProps {
  form: MapOpForm;
  onChange: (form: MapOpForm) => void;
}

/** A label beside (not around) its control, so the accessible name is the label alone, not its value too. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="mapops-field">
      <label htmlFor={id}>{label}</label> {children(id)}
    </span>
  );
}

/** The input fields; the buttons are the panel's. */
export function MapOpsFields({ form, onChange }: MapOpsFieldsProps) {
  return (
    <div className="mapops-fields">
      <Field label="Key">
        {(id) => (
          <input
            id={id}
            type="text"
            inputMode="numeric"
            size={10}
            value={form.key}
            onChange={(e) => onChange({ ...form, key: e.target.value })}
          />
        )}
      </Field>
      <Field label="qsize">
        {(id) => (
          <input
            id={id}
            type="text"
            inputMode="numeric"
            size={10}
            value={form.qsize}
            onChange={(e) => onChange({ ...form, qsize: e.target.value })}
          />
        )}
      </Field>
      <Field label="Flags">
        {(id) => (
          <select id={id} value={form.flags} onChange={(e) => onChange({ ...form, flags: e.target.value as FlagsChoice })}>
            <option value="BPF_ANY">BPF_ANY (0)</option>
            <option value="BPF_NOEXIST">BPF_NOEXIST (1)</option>
            <option value="BPF_EXIST">BPF_EXIST (2)</option>
            <option value="other">other number</option>
          </select>
        )}
      </Field>
      {form.flags === 'other' ? (
        <Field label="Flags value">
          {(id) => (
            <input
              id={id}
              type="text"
              inputMode="numeric"
              size={6}
              value={form.flagsValue}
              onChange={(e) => onChange({ ...form, flagsValue: e.target.value })}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
