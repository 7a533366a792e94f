/**
 * The "?" button and the keyboard help dialog. A native modal <dialog>: it traps focus, closes
 * on Escape and returns focus to the button, with no code of ours.
 */
import { useEffect, useRef } from 'react';
import { useUi } from './store';
import { KEYS } from './keyModel';

/** The help button and its dialog (open state in the store, so the "?" key can open it too). */
export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const set = useUi((s) => s.set);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="help-button"
        aria-label="Help: keyboard shortcuts (?)"
        aria-keyshortcuts="?"
        onClick={() => set({ helpOpen: true })}
      >
        ?
      </button>
      <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => set({ helpOpen: false })}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <p>
          The keys do the same whatever you clicked last. A text field keeps all its keys while you type in it; a drop-down list keeps Space
          and the arrows, a slider the arrows.
        </p>
        <dl className="keys">
          {KEYS.map((k) => (
            <div key={k.what}>
              <dt>
                {k.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{k.what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close help
          </button>
        </form>
      </dialog>
    </>
  );
}
