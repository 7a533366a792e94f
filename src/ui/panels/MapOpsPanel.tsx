/** The "Map operations" panel (being built). */
export function MapOpsPanel() {
  return <section aria-label="Map operations" className="panel" />;
}
