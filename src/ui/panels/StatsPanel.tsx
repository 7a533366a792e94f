/** The "Statistics" panel (being built). */
export function StatsPanel() {
  return <section aria-label="Statistics" className="panel" />;
}
