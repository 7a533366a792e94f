import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';

function sim(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const RT_OPS = 'cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:5ms,2.1ms:update:3:256,2.3ms:delete:3';

describe('npm run sim: the 2023 leak', () => {
  it('6.1: an entry stopped before its kthread ran is reported in --json `leaks` and on stderr; 6.6 reports none', () => {
    const v61 = sim(`kernel=6.1&${RT_OPS}`, '--duration', '10ms', '--json');
    expect(v61.code).toBe(0);
    const report = JSON.parse(v61.stdout);
    expect(report.leaks).toEqual([{ at: 4_000_000, cpu: 3, uid: 3, framesInRing: 146 }]);
    expect(report.frames.inFlight).toBeGreaterThanOrEqual(146);
    expect(v61.stderr).toBe('leak: entry #3 for CPU 3 (kthread_stop at 4.000 ms before its kthread ran), with 146 frames in its ring\n');
    const v66 = sim(`kernel=6.6&${RT_OPS}`, '--duration', '10ms', '--json');
    expect(JSON.parse(v66.stdout).leaks).toBeUndefined();
    expect(v66.stderr).toBe('');
  });

  it('rt: a bad CPU or duration is refused with the allowed form, and the rest of the scenario is named', () => {
    const r = sim('cpus=4&ops=1ms:rt:9:5ms', '--duration', '1ms');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CPU 9 does not exist');
    expect(r.stderr).toContain('TIME:rt:CPU:DURATION');
    const long = sim('cpus=4&ops=1ms:rt:1:2s', '--duration', '1ms');
    expect(long.stderr).toContain('"2s" is out of range');
  });
});
