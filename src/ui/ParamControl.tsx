/**
 * The control of one scenario parameter: a drop-down list when the values are a fixed set, else a
 * text field. The scenario form and the side-by-side view's Run B form both use it; its hint is
 * the element `${id}-hint`, which each form writes beside it.
 */
export interface ParamControlProps {
  id: string;
  value: string;
  /** The allowed values, for a drop-down list; a value outside them (from a link) still shows. */
  options?: readonly string[];
  invalid: boolean;
  onChange: (value: string) => void;
  /** A datalist of suggestions for the text field. */
  list?: string;
  /** The text field's width in characters. */
  size?: number;
}

export function ParamControl({ id, value, options, invalid, onChange, list, size }: ParamControlProps) {
  if (options) {
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`}>
        {(options.includes(value) ? options : [value, ...options]).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      type="text"
      value={value}
      size={size}
      spellCheck={false}
      autoComplete="off"
      list={list}
      aria-invalid={invalid || undefined}
      aria-describedby={`${id}-hint`}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
