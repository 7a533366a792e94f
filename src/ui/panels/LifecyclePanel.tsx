/** The "Entry lifecycle" panel (being built). */
export function LifecyclePanel() {
  return <section aria-label="Entry lifecycle" className="panel" />;
}
