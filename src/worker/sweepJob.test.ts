import { expect, it } from 'vitest';
import { runSweepJob } from './sweepJob';

const window = { warmupNs: 0, durationNs: 1e6 };

it("answers a point with its index: the report, the map create's failure, or the scenario's problem", () => {
  const ok = runSweepJob({ index: 3, query: 'rx=0&entries=4:64&rate=1M', window });
  expect(ok.index).toBe(3);
  expect(ok.ok && ok.report.simulatedNs).toBe(1e6);
  expect(runSweepJob({ index: 1, query: 'max=0', window })).toEqual({
    index: 1,
    ok: false,
    message: expect.stringMatching(/^BPF_MAP_CREATE failed: -EINVAL/),
  });
  expect(runSweepJob({ index: 2, query: 'rate=fast', window })).toEqual({ index: 2, ok: false, message: expect.stringMatching(/rate/) });
});
