/** The "Kernel code" panel (being built). */
export function KernelCodePanel() {
  return <section aria-label="Kernel code" className="panel" />;
}
