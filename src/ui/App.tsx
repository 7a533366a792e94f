/** Placeholder page until the explorer lands: names the project and points at the CLI. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '48rem', margin: '3rem auto', lineHeight: 1.5 }}>
      <h1>cpumap-scope</h1>
      <p>
        An interactive simulator of the Linux kernel&apos;s BPF cpumap (<code>kernel/bpf/cpumap.c</code>), the map behind
        XDP_REDIRECT that moves raw XDP frames to other CPUs.
      </p>
      <p>
        The explorer is on its way. The engine already runs headless: <code>npm run sim -- &apos;kernel=5.2&amp;rx=3&amp;entries=4:128&apos; --duration 1s --text</code>.
      </p>
    </main>
  );
}
