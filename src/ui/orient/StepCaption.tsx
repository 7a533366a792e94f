/** "What happened": the last Step's caption from the worker, in a live region by the controls. */
import { useOrient } from './orientStore';

export function StepCaption() {
  const caption = useOrient((s) => s.caption);
  return (
    <p role="status" aria-label="What happened" className="step-caption">
      {caption}
    </p>
  );
}
