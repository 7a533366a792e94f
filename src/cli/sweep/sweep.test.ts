import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runSim } from '../run';
import { pointScenario } from '../../sweep/pointScenario';
import { collectSweep } from './run';
import { inProcessRunner, type PointRunner } from './pointRunner';

const BASE = 'rx=0,1&entries=4:64,5:64&rate=6M&arrival=bursty';
const SHORT = ['--duration', '3ms', '--warmup', '1ms'];
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm run sweep', () => {
  it('runs a range in list order, with numbers for numeric values in vary', async () => {
    const r = await collectSweep([BASE, '--vary', 'qsize=32..256x2', ...SHORT, '--json']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => l.vary)).toEqual([{ qsize: 32 }, { qsize: 64 }, { qsize: 128 }, { qsize: 256 }]);
    const rates = await collectSweep([BASE, '--vary', 'rate=1M..3M+1M', ...SHORT, '--json']);
    expect(lines(rates.stdout).map((l) => l.vary)).toEqual([{ rate: 1e6 }, { rate: 2e6 }, { rate: 3e6 }]);
    const words = await collectSweep([BASE, '--vary', 'kernel=5.0,5.2', ...SHORT, '--json']);
    expect(lines(words.stdout).map((l) => l.vary)).toEqual([{ kernel: '5.0' }, { kernel: '5.2' }]);
  });

  it('sweeps two parameters as a grid, the first slowest, each point its own scenario', async () => {
    const r = await collectSweep([BASE, '--vary', 'targets=1,2', '--vary', 'qsize=64,128', ...SHORT, '--json']);
    expect(r.code).toBe(0);
    const points = lines(r.stdout);
    expect(points.map((l) => l.vary)).toEqual([
      { targets: 1, qsize: 64 },
      { targets: 1, qsize: 128 },
      { targets: 2, qsize: 64 },
      { targets: 2, qsize: 128 },
    ]);
    // Targets go on the CPUs after the RX CPUs 0 and 1, every entry with the point's qsize.
    expect(points.map((l) => new URLSearchParams(l.scenario as string).get('entries'))).toEqual([
      '2:64',
      '2:128',
      '2:64,3:64',
      '2:128,3:128',
    ]);
  });

  it("prints exactly what `npm run sim --json` prints for the point's scenario and window, with vary first", async () => {
    const r = await collectSweep([BASE, '--vary', 'qsize=32', ...SHORT, '--json']);
    const [line] = lines(r.stdout);
    expect(Object.keys(line)[0]).toBe('vary');
    const point = pointScenario(BASE, { qsize: '32' });
    if (!point.ok) throw new Error('point');
    const sim = runSim([point.query, '--json', ...SHORT]);
    const { vary, ...report } = line;
    expect(vary).toEqual({ qsize: 32 });
    expect(report).toEqual(JSON.parse(sim.stdout));
  });

  it('prints a table with the answer line, and the CSV of the sweep core', async () => {
    const text = await collectSweep([BASE, '--vary', 'qsize=16,4096', ...SHORT]);
    expect(text.code).toBe(0);
    const [head, small, large] = text.stdout.split('\n');
    expect(head).toMatch(/^qsize +kthread pps +ring-full drops\/s +NIC drops\/s +redirect errors\/s +bulk-avg +sched\/s/);
    expect(small).toMatch(/^16 /);
    expect(large).toMatch(/^4096 /);
    // Bursts of 6 Mpps into 16 slots overflow; 4096 slots hold them.
    expect(text.stdout).toMatch(/\nsmallest qsize with no ring-full drops: 4096\n$/);
    const csv = await collectSweep([BASE, '--vary', 'qsize=16,4096', ...SHORT, '--csv']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^qsize,kthreadPps,ringFullPps,/);
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('says why a point could not run and exits 1 once every point has printed', async () => {
    const r = await collectSweep(['max=0', '--vary', 'qsize=32,64', ...SHORT, '--json']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      { vary: { qsize: 32 }, error: expect.stringMatching(/^BPF_MAP_CREATE failed: -EINVAL/) },
      { vary: { qsize: 64 }, error: expect.stringMatching(/^BPF_MAP_CREATE failed: -EINVAL/) },
    ]);
    const text = await collectSweep(['max=0', '--vary', 'qsize=32,64', ...SHORT]);
    expect(text.stdout).toMatch(/^32 +error: BPF_MAP_CREATE failed: -EINVAL/m);
    expect(text.stdout).toMatch(/smallest qsize with no ring-full drops: unknown \(a point failed\)/);
  });

  it('reports progress on stderr and nothing else on stdout', async () => {
    const r = await collectSweep([BASE, '--vary', 'qsize=32,64', ...SHORT, '--json'], { progress: 'lines', cores: 1 });
    expect(r.stderr).toBe(
      'sweep: 2 points in-process, 3ms each (rates after 1ms)\n' +
        'sweep: 1/2 points (qsize=32 done)\n' +
        'sweep: 2/2 points (qsize=64 done)\n',
    );
    expect(lines(r.stdout)).toHaveLength(2);
  });
});

describe('bad input is refused before anything runs, with exit code 2', () => {
  const refused = async (...argv: string[]) => {
    const r = await collectSweep(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };
  it('names an unknown parameter and a bad list', async () => {
    expect(await refused(BASE, '--vary', 'qsise=32,64')).toMatch(/^--vary: "qsise" cannot be swept: use one of qsize, targets, rx, rate/);
    expect(await refused(BASE, '--vary', 'qsize=32,,64')).toMatch(/^--vary: qsize="32,,64": an empty value in the list/);
    expect(await refused(BASE, '--vary', 'qsize=32..4096')).toMatch(/^--vary: qsize="32..4096": a range needs a step or a factor/);
    expect(await refused(BASE, '--vary', 'qsize=4096..32x2')).toMatch(/the range ends before it starts/);
    expect(await refused(BASE, '--vary', 'kernel=5.0..5.2+1')).toMatch(/kernel takes a comma list of values, not a range/);
    expect(await refused(BASE, '--vary', 'qsize')).toMatch(/^--vary "qsize": write PARAM=LIST/);
    expect(await refused(BASE, '--vary', 'qsize=1..64+1', '--vary', 'seed=1..5+1')).toMatch(/320 points is more than 256/);
  });
  it('names every point the scenario refuses, and an invalid base query as `npm run sim` does', async () => {
    expect(await refused(BASE, '--vary', 'targets=6,7,8')).toBe(
      'the scenario refuses 2 points:\n' +
        '  targets=7: targets would need CPU 8, but the scenario has 8 CPUs (0 to 7)\n' +
        '  targets=8: targets would need CPU 9, but the scenario has 8 CPUs (0 to 7)\n',
    );
    expect(await refused(BASE, '--vary', 'kernel=5.0,5.1')).toMatch(
      /^the scenario refuses a point:\n {2}kernel=5.1: kernel: "5.1" is not allowed/,
    );
    const sim = runSim(['rate=fast', '--json']);
    expect(await refused('rate=fast', '--vary', 'qsize=32')).toBe(sim.stderr);
  });
  it('names a bad flag', async () => {
    expect(await refused(BASE)).toMatch(/^--vary: nothing to vary/);
    expect(await refused(BASE, '--vary', 'qsize=32', '--duration', 'long')).toMatch(/^--duration: "long" is not a duration/);
    expect(await refused(BASE, '--vary', 'qsize=32', '--duration', '50ms')).toMatch(
      /^--warmup: the default 100ms is not shorter than --duration 50ms/,
    );
    expect(await refused(BASE, '--vary', 'qsize=32', '--jobs', '0')).toMatch(/^--jobs: "0" is not allowed: a whole number from 1 to 64/);
    expect(await refused(BASE, '--vary', 'qsize=32', '--json', '--csv')).toMatch(/^choose one of --json, --csv, --text/);
    const help = await collectSweep(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/^usage: npm run sweep/);
  });
});

describe('the output does not depend on the number of jobs', () => {
  /** In-process runners that finish in reverse order of starting: the last point first. */
  function scrambled(): () => PointRunner {
    let started = 0;
    return () => {
      const inner = inProcessRunner();
      return {
        run: async (task) => {
          const delay = 30 - 10 * (started++ % 3);
          await new Promise((resolve) => setTimeout(resolve, delay));
          return inner.run(task);
        },
        close: inner.close,
      };
    };
  }
  const argv = [BASE, '--vary', 'qsize=16,32,64', '--vary', 'seed=1,2', ...SHORT];

  it('is the same on 1 job and on 3 runners finishing out of order, in every mode', async () => {
    for (const mode of ['--json', '--csv', '--text']) {
      const one = await collectSweep([...argv, mode, '--jobs', '1']);
      const three = await collectSweep([...argv, mode, '--jobs', '3'], { startRunner: scrambled() });
      expect(three).toEqual(one);
      expect(one.code).toBe(0);
    }
  });

  it('is the same on 1 and on 2 worker threads of the real command', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const run = (jobs: string) =>
      promisify(execFile)(
        process.execPath,
        ['scripts/run-ts.mjs', 'src/cli/sweep/main.ts', BASE, '--vary', 'qsize=16,32,64', '--json', ...SHORT, '--jobs', jobs],
        { cwd: root },
      );
    const one = await run('1');
    const two = await run('2');
    expect(two.stderr).toMatch(/on 2 worker threads/);
    expect(lines(two.stdout).map((l) => l.vary)).toEqual([{ qsize: 16 }, { qsize: 32 }, { qsize: 64 }]);
    expect(two.stdout).toBe(one.stdout);
  });
});
