/** The map operation fields: Key, qsize, and Flags (a named flag or a free number). */
import { useId, type ReactNode } from 'react';
import type { FlagsChoice, MapOpForm, ProgChoice } from './build';

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

/** The form's text fields (every one but Flags and Program). */
type TextFieldName = Exclude<keyof MapOpForm, 'flags' | 'prog'>;

/** A labelled text input bound to one field of the form. */
export function TextField({
  label,
  name,
  size,
  numeric = false,
  form,
  onChange,
}: MapOpsFieldsProps & { label: string; name: TextFieldName; size: number; numeric?: boolean }) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="text"
          inputMode={numeric ? 'numeric' : undefined}
          size={size}
          value={form[name] ?? ''}
          onChange={(e) => onChange({ ...form, [name]: e.target.value })}
        />
      )}
    </Field>
  );
}

/** The input fields; the buttons are the panel's. */
export function MapOpsFields({ form, onChange }: MapOpsFieldsProps) {
  return (
    <div className="mapops-fields">
      <TextField label="Key" name="key" size={10} numeric form={form} onChange={onChange} />
      <TextField label="qsize" name="qsize" size={10} numeric form={form} onChange={onChange} />
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
      {form.flags === 'other' ? <TextField label="Flags value" name="flagsValue" size={6} numeric form={form} onChange={onChange} /> : null}
      <Field label="Program">
        {(id) => (
          <select id={id} value={form.prog ?? 'none'} onChange={(e) => onChange({ ...form, prog: e.target.value as ProgChoice })}>
            <option value="none">none</option>
            <option value="pass">pass (5.9+)</option>
            <option value="drop">drop (5.9+)</option>
            <option value="redirect">redirect (5.9+)</option>
          </select>
        )}
      </Field>
      {form.prog === 'drop' || form.prog === 'redirect' ? (
        <TextField label="Fraction" name="fraction" size={5} form={form} onChange={onChange} />
      ) : null}
    </div>
  );
}
