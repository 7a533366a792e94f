/**
 * The footer status line: the last map operation's result as the bpf syscall reports it. A live
 * region (role status), so a result is announced once, politely, when it arrives.
 */
import { useUi } from './store';

/** The page footer. */
export function StatusLine() {
  const opStatus = useUi((s) => s.opStatus);
  return (
    <footer className="status-line">
      <div role="status" aria-label="Last map operation">
        {opStatus}
      </div>
    </footer>
  );
}
