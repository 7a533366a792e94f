/**
 * ENGINE/FLOOR: the engine's wall time per simulated frame at 10G line rate over 4 CPUs against
 * the floor's (bench/floor.ts), the least possible work for the same traffic.
 */
import { runFloor } from './floor';
import { measureEngine, scenarioFor } from './measureEngine';
import { LINE_RATE } from './scenarios';

const REPS = 3;

function floorNsPerFrame(pps: number): { nsPerFrame: number; frames: number; checksum: number } {
  runFloor(10e6, pps); // warm-up
  let best = { nsPerFrame: Infinity, frames: 0, checksum: 0 };
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    const r = runFloor(1e9, pps, i + 1);
    const nsPerFrame = ((performance.now() - t0) * 1e6) / r.frames;
    if (nsPerFrame < best.nsPerFrame) best = { nsPerFrame, ...r };
  }
  return best;
}

export function floorRatio(): void {
  const pps = scenarioFor(LINE_RATE).rate;
  const floor = floorNsPerFrame(pps);
  const engine = measureEngine(LINE_RATE, { warmupNs: 10e6, framesPerRep: 8e6, reps: REPS });
  console.log(`Engine against the floor: 10G line rate over 4 CPUs (LINE_RATE), latency not recorded, best of ${REPS}`);
  console.log(
    `  floor:  ${floor.nsPerFrame.toFixed(1).padStart(6)} wall ns per simulated frame  (1 simulated s, ${floor.frames} frames, checksum ${floor.checksum})`,
  );
  console.log(
    `  engine: ${engine.nsPerFrame.toFixed(1).padStart(6)} wall ns per simulated frame  (${(engine.simNs / 1e6).toFixed(0)} simulated ms, ${engine.frames} frames)`,
  );
  console.log(`  engine/floor: ${(engine.nsPerFrame / floor.nsPerFrame).toFixed(1)}  (goal <= 5)`);
}
