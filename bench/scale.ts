/**
 * The scale table: the engine's real-time factor and wall time per simulated frame as links,
 * queues and CPUs grow at line rate, each row against the 10G / 8 CPUs row. The same number of
 * frames per repetition in every row, so each row takes about the same wall time.
 */
import { measureEngine } from './measureEngine';
import { SCALE_ROWS } from './scenarios';

const REPS = 3;
/** Frames per repetition: about 0.7 s of wall time at 10G, 1.2 s at 100G with today's engine. */
const FRAMES_PER_REP = 6e6;

export function scaleTable(): void {
  console.log(`Scale: line rate of 64-byte frames, RX queues hashing over as many cpumap entries, latency not recorded, best of ${REPS}`);
  console.log(
    `  ${'row'.padEnd(24)} ${'Mpps'.padStart(6)} ${'real-time factor'.padStart(16)} ${'ns/frame'.padStart(9)} ${'vs 10G/8'.padStart(9)}  violations`,
  );
  let base = NaN;
  for (const row of SCALE_ROWS) {
    const r = measureEngine(row.query, { warmupNs: 10e6, framesPerRep: FRAMES_PER_REP, reps: REPS });
    if (Number.isNaN(base)) base = r.nsPerFrame;
    const mpps = r.frames / r.simNs / 1e-3;
    console.log(
      `  ${row.label.padEnd(24)} ${mpps.toFixed(2).padStart(6)} ${r.rtf.toFixed(3).padStart(16)} ${r.nsPerFrame.toFixed(1).padStart(9)} ${(r.nsPerFrame / base).toFixed(2).padStart(9)}  ${r.violations}`,
    );
  }
  console.log('  goals: 100G / 64 CPUs <= 1.5 of the 10G / 8 row; the 56 idle CPUs about 1.0');
}
