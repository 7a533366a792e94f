/**
 * The "Map operations" panel: the bpf() map commands on the running cpumap, a new map after a
 * free, the offered load and RX interrupt placement, at the current simulated time. Input is
 * checked here (only what user space would reject); the kernel's own checks run in the engine, and their result comes back as the store's opStatus (the page's
 * status line), in the trace log, and in this panel's recent results.
 */
import { useEffect, useState } from 'react';
import { useUi } from '../store';
import { formatSimTime } from '../format';
import { buildMapOp, type MapOpButton, type MapOpForm } from './mapops/build';
import { MapOpsFields } from './mapops/MapOpsForm';
import { MachineOps } from './mapops/MachineOps';
import { nextRecent, type RecentResult } from './mapops/recent';
import './mapops/mapops.css';

/** The buttons, with their accessible names. */
const BUTTONS: readonly { op: MapOpButton; label: string }[] = [
  { op: 'update', label: 'Update' },
  { op: 'delete', label: 'Delete' },
  { op: 'lookup', label: 'Lookup' },
  { op: 'next', label: 'Get next key' },
  { op: 'free', label: 'Free map' },
];

/** The map operations panel. */
export function MapOpsPanel() {
  const send = useUi((s) => s.send);
  const [recent, setRecent] = useState<readonly RecentResult[]>([]);
  // A store subscription, not a selector: each result must be paired with the text it came with.
  // Only an opLog change may call setRecent: React keeps every update it bails out of until the
  // component renders again, so one per frame message would pile up for as long as the page runs.
  useEffect(
    () =>
      useUi.subscribe((cur, prev) => {
        if (cur.opLog !== prev.opLog) setRecent((list) => nextRecent(list, prev, cur));
      }),
    [],
  );
  const topology = useUi((s) => s.topology);
  const [form, setForm] = useState<MapOpForm>({
    key: '4',
    qsize: '192',
    flags: 'BPF_ANY',
    flagsValue: '4',
    max: '',
    rate: '2M',
    queue: '0',
    cpu: '2',
    prog: 'none',
    fraction: '1',
  });
  const [error, setError] = useState('');

  const run = (button: MapOpButton) => {
    const r = buildMapOp(
      button,
      form,
      topology === null ? null : { rxQueues: topology.rx.length, cpus: topology.cpus, kernel: topology.kernel },
    );
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError('');
    send({ type: 'mapOp', op: r.op });
  };

  return (
    <section aria-label="Map operations" className="panel mapops-panel">
      <h2>Map operations</h2>
      <MapOpsFields form={form} onChange={setForm} />
      <div className="mapops-buttons">
        {BUTTONS.map((b) => (
          <button key={b.op} type="button" onClick={() => run(b.op)}>
            {b.label}
          </button>
        ))}
      </div>
      <p className="mapops-hint">
        Get next key with an empty Key asks for the first key. Free map detaches the program and releases the map. Program (5.9+) gives the
        new entry an XDP program in its kthread.
      </p>
      <MachineOps form={form} onChange={setForm} run={run} />
      <p className="mapops-hint">
        Create map makes a new map and attaches the program again (refused with -EBUSY while one is attached; an empty max_entries uses the
        scenario&apos;s). Set rate changes the offered load. Move interrupt sends an RX queue&apos;s interrupt to another CPU; a NAPI poll
        already scheduled finishes on the old one.
      </p>
      <div role="alert">{error === '' ? null : <p className="mapops-error">{error}</p>}</div>
      <h3>Recent results</h3>
      {recent.length === 0 ? (
        <p className="mapops-hint">None yet.</p>
      ) : (
        <ol className="mapops-results" aria-label="Recent map operation results">
          {recent.map((r) => (
            <li key={r.n}>
              {formatSimTime(r.at)}: {r.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
