/** The "Trace log" panel (being built). */
export function TraceLog() {
  return <section aria-label="Trace log" className="panel" />;
}
