/**
 * The golden corpus: scenarios whose exact CLI output (`--json` and `--trace`) and end state the
 * engine must keep reproducing byte for byte (tests/golden/golden.test.ts checks them against
 * tests/golden/cases/; `npm run golden:record` rewrites those files when a change is meant).
 *
 * Every preset and every lesson step's scenario is taken from the code, so a new one is a new case
 * (and fails until it is recorded); the rest are written out here, literally, so that nothing but a
 * change of the engine can change what they run.
 */
import { PRESETS } from '../../src/scenario/presets';
import { LESSONS } from '../../src/lessons/index';
import { OPTIMIZATIONS } from '../../src/scenario/types';
import { formatDuration } from '../../src/scenario/units';

/** How a case is run: the CLI's flags, as text. */
export interface GoldenArgs {
  /** --duration of both runs. */
  duration: string;
  /** --warmup of the --json run (rates are measured after it); default 0. */
  warmup?: string;
  /** --warmup of the --trace run (its lines start there); default 0. */
  traceWarmup?: string;
  /** --limit of the --trace run; default 100. */
  limit?: number;
}

export interface GoldenCase {
  /** Also its file's name: lowercase letters, digits, '.' and '-'. */
  name: string;
  /** The scenario, as a URL query string. */
  query: string;
  args: GoldenArgs;
}

/** The CLI's argv for a case's --json run. */
export function jsonArgv(c: GoldenCase): string[] {
  return [c.query, '--duration', c.args.duration, '--warmup', c.args.warmup ?? '0', '--json'];
}

/** The CLI's argv for a case's --trace run. */
export function traceArgv(c: GoldenCase): string[] {
  return [c.query, '--duration', c.args.duration, '--warmup', c.args.traceWarmup ?? '0', '--trace', '--limit', String(c.args.limit ?? 100)];
}

/** "a,a+1,...,b". */
function span(a: number, b: number): string {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i).join(',');
}

/** Entries for CPUs a to b, each with ring size `qsize`. */
function entries(a: number, b: number, qsize: number): string {
  return Array.from({ length: b - a + 1 }, (_, i) => `${a + i}:${qsize}`).join(',');
}

// ---- presets ----

/** A preset's runs: 30 ms, so that those with an operation at 20 ms see its aftermath. */
const PRESET_ARGS: GoldenArgs = { duration: '30ms', warmup: '5ms', traceWarmup: '10ms' };
/** Presets whose trace runs to 300 lines (the rest: 100). */
const PRESET_LONG_TRACE = new Set(['trickle', 'overload', 'qsize-change', 'delete-under-load', 'shared-cpu']);
/** Presets traced from another time than the steady state at 10 ms: from the start, or around their operation at 20 ms. */
const PRESET_TRACE_WARMUP: Readonly<Record<string, string>> = {
  trickle: '0',
  'empty-slot': '0',
  unprivileged: '0',
  'line-rate-2': '0',
  'qsize-change': '19990us',
  'delete-under-load': '19990us',
  'free-under-load': '19990us',
};

export const PRESET_CASE_PREFIX = 'preset-';

const presetCases: GoldenCase[] = PRESETS.map((p) => ({
  name: `${PRESET_CASE_PREFIX}${p.id}`,
  query: p.query,
  args: {
    ...PRESET_ARGS,
    traceWarmup: PRESET_TRACE_WARMUP[p.id] ?? PRESET_ARGS.traceWarmup,
    limit: PRESET_LONG_TRACE.has(p.id) ? 300 : 100,
  },
}));

// ---- lessons ----

/**
 * One case per distinct scenario of the lessons' steps, named after the first step that uses it.
 * It runs past the last checkpoint of any step with that scenario (at least 20 ms), and its trace
 * starts where that first step starts.
 */
function lessonCases(): GoldenCase[] {
  const byQuery = new Map<string, { name: string; startAt: number; pauseAt: number }>();
  for (const lesson of LESSONS) {
    lesson.steps.forEach((step, i) => {
      const seen = byQuery.get(step.query);
      if (seen === undefined) {
        byQuery.set(step.query, { name: `lesson-${lesson.id}-${i + 1}`, startAt: step.startAt ?? 0, pauseAt: step.pauseAt });
      } else {
        seen.pauseAt = Math.max(seen.pauseAt, step.pauseAt);
      }
    });
  }
  return [...byQuery].map(([query, s]) => {
    const durationNs = Math.max(20e6, Math.ceil(s.pauseAt / 1e6) * 1e6 + 1e6);
    return {
      name: s.name,
      query,
      args: {
        duration: formatDuration(durationNs),
        warmup: '5ms',
        traceWarmup: formatDuration(Math.floor(s.startAt / 1000) * 1000),
        limit: 150,
      },
    };
  });
}

// ---- the 2019 optimizations ----

/** The v5.0 overload run (19.4 Mpps into one kthread on 40G), with a set of optimizations. */
const OVERLOAD = 'rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop';
const OVERLOAD_ARGS: GoldenArgs = { duration: '12ms', warmup: '4ms', traceWarmup: '6ms' };

/** kernel=5.0 with each prefix of the series, from none to all of it (v5.2's steps are the v50-v52 lesson's). */
const optCases: GoldenCase[] = OPTIMIZATIONS.map((_, i) => i)
  .concat(OPTIMIZATIONS.length)
  .map((n) => ({
    name: `opt-k50-${n}`,
    query: `kernel=5.0&opt=${n === 0 ? 'none' : OPTIMIZATIONS.slice(0, n).join(',')}&${OVERLOAD}`,
    args: OVERLOAD_ARGS,
  }));

// ---- the timelines of the property tests ----

/** A timeline's runs: 40 ms, traced from the start (200 lines). */
const TIMELINE: GoldenArgs = { duration: '40ms', warmup: '1ms', limit: 200 };

/**
 * Drawn from tests/engine/timelineCase.ts's timelineCaseArb with fc.sample(arb, { seed, numRuns: 1 }),
 * the times of their `ops` scaled from the drawn duration to 40 ms (rounded to the µs), and
 * written out so that a change of the generator does not change the corpus.
 */
const timelineCases: GoldenCase[] = [
  // seed 1: 298 ms drawn, 60 ops
  {
    name: 'timeline-seed1',
    query:
      'kernel=5.0&cpus=12&max=14&rx=1,5&entries=4:511,10:511,15:511,5:511&rate=500015&arrival=constant&seed=2147483630&ops=152us:create:0,204us:update:3:0,448us:update:13:168,1304us:update:0:420,1748us:irq:1:0,3268us:update:1:209,3356us:lookup:1,3604us:update:8:0,3752us:delete:12,5388us:irq:0:6,6632us:delete:9,7.46ms:delete:9,7544us:lookup:10,7736us:update:3:2048,7.8ms:irq:0:11,8724us:create:4,11116us:update:15:377,11608us:failslab:3,11848us:update:7:284:2,11928us:delete:8,12152us:create:64,12524us:delete:0,14488us:irq:1:9,14564us:delete:6,15412us:failslab:2,16784us:delete:14,17492us:update:0:16385,18.32ms:irq:1:1,18392us:delete:15,19132us:create:12,19168us:rate:36333,20944us:delete:12,21752us:create,21.98ms:update:0:16385,22556us:update:0:145,24.28ms:failslab,25712us:update:14:0,25756us:lookup:15,25812us:delete:2,27644us:rate:14880952.38095238,27672us:delete:9,27968us:rate:65123,28172us:irq:1:1,29536us:update:2:330,30224us:create:12,30476us:free,30.82ms:failslab:2,31764us:delete:3,32108us:rate:4591875,32604us:lookup:13,32.96ms:failslab,33084us:delete:0,33404us:lookup:7,34164us:next,34192us:next:8,35812us:failslab:2,37328us:update:3:2048,37944us:failslab:3,39348us:delete:11,39992us:update:0:292',
    args: TIMELINE,
  },
  // seed 2: 276 ms drawn, 25 ops
  {
    name: 'timeline-seed2',
    query:
      'cpus=4&rx=2,3&ring=64&entries=0:504,2:504&rate=500010&prog=rr&drop=0.21&stack=iptables-drop&seed=1421700085&ops=1732us:rate:0,5064us:update:0:254,6.88ms:create,7552us:update:3:476:3,9008us:failslab:2,11188us:update:5:0:1,12368us:irq:0:0,12372us:update:0:487,12.38ms:update:5:321,13748us:create,13992us:rate:1682836,16108us:free,19004us:update:2:94,19.16ms:lookup:4,19716us:delete:5,23.28ms:update:5:475,24512us:free,26104us:irq:0:1,28308us:update:5:403,33808us:failslab:3,36664us:delete:0,36696us:update:1:0:3,39196us:update:2:180:2,39612us:create,39668us:update:4:16384',
    args: TIMELINE,
  },
  // seed 3: 254 ms drawn, 42 ops
  {
    name: 'timeline-seed3',
    query:
      'kernel=5.0&cpus=5&max=7&rx=2&entries=&rate=99985&flows=8&arrival=constant&prog=rr&seed=1142724976&ops=420us:rate:93664,988us:rate:0,1548us:irq:0:0,2436us:free,3492us:update:1:473:1,3532us:rate:14880952.38095238,5188us:free,8884us:update:2:2048,9.1ms:delete:8,9936us:free,10456us:update:7:501,10536us:update:3:0:1,12316us:delete:1,12.44ms:lookup:7,12596us:update:1:263:2,13248us:update:1:352,14032us:irq:0:0,14.7ms:update:6:0:1,15196us:delete:5,15648us:update:2:276,17496us:update:1:270,17.8ms:free,17984us:create,18584us:update:3:16385,19272us:update:3:169:2,22184us:rate:14880952.38095238,23.52ms:irq:0:4,24.94ms:update:7:418,25032us:next:0,25672us:delete:7,27756us:rate:3949285,28.5ms:failslab:3,31572us:update:0:304,32.18ms:free,32492us:rate:14880952.38095238,33412us:irq:0:0,35296us:update:2:332,35804us:update:0:506,36.9ms:rate:1190715,37916us:next:6,38252us:update:2:32,38284us:update:4:90',
    args: TIMELINE,
  },
  // seed 4: 299 ms drawn, 11 ops
  {
    name: 'timeline-seed4',
    query:
      'kernel=5.0&cpus=4&max=6&rx=0,3,1,0&ring=64&entries=3:121,5:121,6:121,0:121&rate=14880952.38095238&flows=1024&prog=cpu:5&drop=0.01&seed=1918841044&ops=3252us:irq:3:0,4008us:irq:3:2,6728us:update:4:169,10252us:update:5:247,12196us:update:0:0,12836us:delete:3,15944us:rate:14880952.38095238,19228us:update:3:26:1,19624us:update:7:396,21096us:delete:2,22644us:update:5:399',
    args: TIMELINE,
  },
  // seed 5: 105 ms drawn, 16 ops
  {
    name: 'timeline-seed5',
    query:
      'cpus=16&rx=4,5&ring=64&entries=&rate=14880952.38095238&arrival=constant&stack=iptables-drop&seed=1627441392&ops=5212us:rate:0,5996us:update:5:143,6284us:update:3:271,8.2ms:free,9904us:update:17:154,11568us:rate:54008,12.22ms:free,12776us:delete:8,23.8ms:update:9:271,27.42ms:delete:2,33056us:create,36288us:delete:4,37904us:rate:14880952.38095238,37908us:lookup:4,38736us:delete:1,39196us:next:9',
    args: TIMELINE,
  },
  // seed 6: 103 ms drawn, 26 ops
  {
    name: 'timeline-seed6',
    query:
      'kernel=5.0&cpus=4&rx=1,0,2&ring=64&entries=0:510&rate=11&flows=8&arrival=bursty:23&prog=rr&stack=deliver&seed=29&ops=2196us:delete:5,2224us:lookup:2,2488us:rate:624904,3236us:lookup:4,3496us:create,8576us:rate:0,12744us:update:0:0,13204us:irq:2:3,16212us:free,17672us:create,21044us:update:0:211,21872us:rate:1661810,22196us:rate:1911429,22824us:lookup:2,23.08ms:delete:3,24.64ms:update:2:16384:3,25724us:update:3:16385:1,27448us:lookup:3,29.08ms:irq:0:2,29836us:free,32688us:rate:921877,34376us:update:0:367,34.6ms:next:1,34.92ms:update:0:442,38804us:next,39.2ms:failslab',
    args: TIMELINE,
  },
];

// ---- written out ----

/** Steady state: 15 ms, rates from 3 ms, traced from 5 ms. */
const STEADY: GoldenArgs = { duration: '15ms', warmup: '3ms', traceWarmup: '5ms' };
/** Traced from the start. */
const FROM_START: GoldenArgs = { duration: '15ms', warmup: '3ms' };
/** Many CPUs at a high rate: short runs. */
const WIDE: GoldenArgs = { duration: '4ms', warmup: '1ms', traceWarmup: '2ms' };
/** Map operations under load: 30 ms, traced from the start (200 lines). */
const OPS: GoldenArgs = { duration: '30ms', warmup: '1ms', limit: 200 };

/** Two RX queues hashing 6 Mpps over two remote CPUs: the base of the arrival and program cases. */
const TWO = 'rx=0,1&entries=4:256,5:256';

const writtenCases: GoldenCase[] = [
  // kernels at low and high rates
  {
    name: 'kernel-50-trickle',
    query: 'kernel=5.0&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  {
    name: 'kernel-50-line-rate-4',
    query: `kernel=5.0&rx=0,1,2,3&entries=${entries(4, 7, 2048)}&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop`,
    args: STEADY,
  },
  { name: 'opt-k52-none', query: `kernel=5.2&opt=none&${OVERLOAD}`, args: OVERLOAD_ARGS },
  { name: 'opt-k52-prefetchw', query: `kernel=5.2&opt=prefetchw&${OVERLOAD}`, args: OVERLOAD_ARGS },
  { name: 'opt-k52-alloc-bulk-prefetchw', query: `opt=alloc-bulk,prefetchw&${OVERLOAD}`, args: OVERLOAD_ARGS },

  // a kthread on an RX CPU, ksoftirqd, preempt=none
  { name: 'shared-k50', query: 'kernel=5.0&rx=4&entries=4:256,5:256&rate=17M&link=40&prog=hash&stack=iptables-drop', args: STEADY },
  { name: 'shared-two-rx', query: 'rx=0,1&entries=0:256,1:256,4:256&rate=10M&flows=256&prog=hash&stack=udp-noport', args: STEADY },
  {
    name: 'shared-preempt-none',
    query: 'preempt=none&rx=4&entries=4:256,5:256&rate=17M&link=40&prog=hash&stack=iptables-drop',
    args: STEADY,
  },
  { name: 'ksoftirqd-self', query: 'rx=2&entries=2:256&rate=20M&link=40&prog=cpu:2&arrival=constant&stack=deliver', args: STEADY },
  {
    name: 'ksoftirqd-rx-saturated',
    query: 'rx=0&entries=4:512,5:512&rate=30M&link=25&flows=1024&prog=hash&arrival=constant',
    args: STEADY,
  },
  { name: 'preempt-none-overload', query: `preempt=none&kernel=5.0&${OVERLOAD}`, args: OVERLOAD_ARGS },
  { name: 'preempt-none-trickle', query: 'preempt=none&rx=0&entries=4:192&rate=100k&prog=rr&arrival=constant', args: FROM_START },

  // arrivals and seeds
  { name: 'arrival-constant', query: `${TWO}&rate=6M&arrival=constant`, args: STEADY },
  { name: 'arrival-poisson-seed1', query: `${TWO}&rate=6M&arrival=poisson&seed=1`, args: STEADY },
  { name: 'arrival-poisson-seed2', query: `${TWO}&rate=6M&arrival=poisson&seed=2`, args: STEADY },
  { name: 'arrival-poisson-seed0', query: `${TWO}&rate=6M&arrival=poisson&seed=0`, args: FROM_START },
  { name: 'arrival-poisson-seedmax', query: `${TWO}&rate=6M&arrival=poisson&seed=4294967295`, args: STEADY },
  { name: 'arrival-bursty', query: `${TWO}&rate=3M&arrival=bursty&seed=5`, args: FROM_START },
  { name: 'arrival-bursty-256', query: `${TWO}&rate=8M&arrival=bursty:256&seed=7&stack=iptables-drop`, args: STEADY },

  // the XDP program: drops, policies, flows; the stack's verdicts
  { name: 'drop-0.3', query: `${TWO}&rate=8M&drop=0.3&seed=3`, args: STEADY },
  { name: 'drop-1', query: `${TWO}&rate=5M&drop=1`, args: FROM_START },
  { name: 'prog-rr-4', query: 'rx=0,1&entries=4:256,5:256,6:256,7:256&rate=12M&prog=rr&stack=iptables-drop', args: STEADY },
  { name: 'prog-hash-flows1', query: `${TWO}&rate=5M&flows=1&prog=hash`, args: STEADY },
  { name: 'prog-cpu-5', query: `${TWO}&rate=5M&prog=cpu:5&stack=deliver`, args: STEADY },
  { name: 'stack-deliver', query: `${TWO}&rate=10M&flows=512&stack=deliver`, args: STEADY },

  // fast links, many CPUs, frame sizes
  {
    name: 'link-25g-32cpu',
    query: `cpus=32&rx=${span(0, 15)}&entries=${entries(16, 31, 512)}&rate=30M&link=25&flows=4096&stack=iptables-drop`,
    args: WIDE,
  },
  {
    name: 'link-40g-64cpu',
    query: `cpus=64&rx=${span(0, 15)}&entries=${entries(48, 63, 256)}&rate=59.5M&link=40&flows=8192&prog=hash`,
    args: WIDE,
  },
  {
    name: 'link-100g-64cpu',
    query: `cpus=64&rx=${span(0, 31)}&entries=${entries(32, 39, 1024)}&rate=148.8M&link=100&flows=65536&arrival=constant&stack=iptables-drop`,
    args: { duration: '3ms', warmup: '1ms', traceWarmup: '2ms' },
  },
  { name: 'link-100g-1518b', query: 'rx=0,1,2,3&entries=4:512,5:512,6:512,7:512&rate=8.1M&size=1518&link=100&flows=1024', args: STEADY },
  { name: 'size-512-rr', query: 'rx=0,1&entries=4:256,5:256&rate=2.3M&size=512&prog=rr&arrival=constant', args: FROM_START },

  // rings: tiny and big ptr_rings, small and big NIC rings
  { name: 'qsize-8', query: 'rx=3&entries=4:8&rate=5M&prog=rr&arrival=constant&stack=iptables-drop', args: FROM_START },
  { name: 'qsize-16', query: 'rx=0,1&entries=4:16,5:16&rate=9M&prog=hash&stack=iptables-drop', args: STEADY },
  { name: 'qsize-16384', query: 'rx=0,1&entries=4:16384,5:16384&rate=14.88M&prog=rr&arrival=constant&stack=udp-noport', args: STEADY },
  { name: 'nic-ring-32', query: 'rx=0&ring=32&entries=4:256,5:256&rate=14.88M&prog=hash', args: STEADY },
  { name: 'nic-ring-8192', query: 'rx=0&ring=8192&entries=4:2048,5:2048&rate=14.88M&prog=hash&stack=iptables-drop', args: STEADY },

  // failures at creation, entries refused at time 0, no traffic
  { name: 'create-e2big', query: 'max=65&rx=0&rate=100k', args: FROM_START },
  { name: 'create-einval', query: 'max=0&rx=0&rate=100k', args: FROM_START },
  { name: 'entries-refused', query: 'cpus=4&max=6&rx=0&entries=5:64,2:64,3:16385,1:0&rate=1M', args: FROM_START },
  { name: 'idle', query: 'rx=0,1&rate=0', args: FROM_START },

  // map operations under load
  {
    name: 'ops-mix',
    query:
      'rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=3ms:update:4:64,5ms:delete:5,7ms:update:5:512,9ms:update:6:128:1,10ms:lookup:4,10ms:next,11ms:next:4,12ms:update:4:32:2,14ms:rate:12M,16ms:irq:0:2,18ms:free,21ms:create,21ms:update:4:256,21ms:update:5:256,25ms:rate:2M',
    args: OPS,
  },
  {
    name: 'ops-failslab',
    query:
      'rx=3&entries=4:256&rate=5M&prog=rr&ops=2ms:failslab:1,3ms:update:5:128,4ms:update:5:128,6ms:failslab:2,7ms:free,8ms:create,9ms:create,10ms:update:4:64,11ms:update:4:64,15ms:create,16ms:free,17ms:create:4,17ms:update:3:64',
    args: OPS,
  },
  {
    name: 'ops-create-busy',
    query:
      'rx=0&entries=4:192&rate=2M&prog=rr&ops=2ms:create,4ms:create:65,6ms:free,6ms:create:0,8ms:create:8,8ms:update:4:192,8ms:update:5:192',
    args: OPS,
  },
  {
    name: 'ops-irq-moves',
    query: 'rx=0,1&entries=4:256,5:256&rate=8M&prog=hash&ops=2ms:irq:0:4,6ms:irq:1:4,10ms:irq:0:0,12ms:irq:1:5,20ms:irq:1:1',
    args: { ...OPS, traceWarmup: '1990us' },
  },
  {
    name: 'ops-rate-steps',
    query: 'rx=0,1&entries=4:256,5:256&rate=0&prog=rr&ops=2ms:rate:1M,6ms:rate:14.88M,12ms:rate:0,16ms:rate:500k,22ms:rate:20k',
    args: { ...OPS, traceWarmup: '1990us' },
  },
  {
    name: 'ops-delete-readd',
    query:
      'rx=0,1,2,3&entries=4:512,5:512,6:512,7:512&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop&ops=4ms:delete:4,4001us:update:4:512,6ms:update:5:16,8ms:delete:6,8ms:delete:7,9ms:update:6:2048,9ms:update:7:64,12ms:update:5:0,13ms:update:5:256:1',
    args: { duration: '16ms', warmup: '1ms', traceWarmup: '3990us' },
  },

  // 5.4: the flush list of bulk queues (walked newest first) in place of the flush_needed bitmap
  { name: 'kernel-54-overload', query: `kernel=5.4&${OVERLOAD}`, args: OVERLOAD_ARGS },
  { name: 'kernel-54-rr-4', query: 'kernel=5.4&rx=0,1&entries=4:256,5:256,6:256,7:256&rate=12M&prog=rr&stack=iptables-drop', args: STEADY },
  {
    name: 'kernel-54-trickle',
    query: 'kernel=5.4&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  {
    name: 'kernel-54-ops',
    query:
      'kernel=5.4&rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=3ms:update:4:64,5ms:delete:5,7ms:update:5:512,12ms:delete:4,18ms:free,21ms:create,21ms:update:4:256,25ms:rate:2M',
    args: OPS,
  },

  // 5.10: 5.6's cleanup without a wait or a flush, one flush list per CPU for all maps, 5.9's
  // unlocked consume and the kthread tracepoint's xdp_pass/xdp_drop/xdp_redirect
  { name: 'kernel-510-overload', query: `kernel=5.10&${OVERLOAD}`, args: OVERLOAD_ARGS },
  {
    name: 'kernel-510-rr-4',
    query: 'kernel=5.10&rx=0,1&entries=4:256,5:256,6:256,7:256&rate=12M&prog=rr&stack=iptables-drop',
    args: STEADY,
  },
  {
    name: 'kernel-510-trickle',
    query: 'kernel=5.10&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  {
    name: 'kernel-510-ops',
    query:
      'kernel=5.10&rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=3ms:update:4:64,5ms:delete:5,7ms:update:5:512,12ms:delete:4,18ms:free,21ms:create,21ms:update:4:256,25ms:rate:2M',
    args: OPS,
  },
  // 5.10 with entry programs (5.9+): one drops a quarter, one redirects every frame, one passes
  {
    name: 'kernel-510-entry-progs',
    query: 'kernel=5.10&rx=0,1&entries=4:256:prog=drop:0.25,5:256:prog=redirect,6:256:prog=pass&rate=6M&prog=rr&stack=iptables-drop',
    args: STEADY,
  },

  // Part "programs": entry programs given, replaced and removed by updates in ops (5.10), one
  // update's allocation failing under failslab
  {
    name: 'kernel-510-ops-entry-progs',
    query:
      'kernel=5.10&rx=0,1&entries=4:256,5:256:prog=pass&rate=6M&prog=hash&stack=iptables-drop&ops=3ms:update:4:256:prog=drop:0.5,6ms:update:5:256:2:prog=redirect:0.25,9ms:failslab,9ms:update:4:64:prog=pass,12ms:update:5:128,15ms:update:6:256:prog=drop',
    args: OPS,
  },
  // ---- 6.12 and 6.18 (the tracepoint before the receive; GRO and NAPI-cache heads from 6.15) ----
  { name: 'kernel-612-overload', query: `kernel=6.12&${OVERLOAD}`, args: OVERLOAD_ARGS },
  { name: 'kernel-618-overload', query: `kernel=6.18&${OVERLOAD}`, args: OVERLOAD_ARGS },
  {
    name: 'kernel-612-trickle',
    query: 'kernel=6.12&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  {
    name: 'kernel-618-trickle',
    query: 'kernel=6.18&traffic=tcp&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  // TCP-like runs into GRO: many flows (bucket limits), short runs, 1518-byte frames (the 64 KB limit)
  {
    name: 'kernel-618-gro-tcp',
    query: 'kernel=6.18&traffic=tcp:4&rx=0,1&entries=4:1024,5:1024&rate=8M&flows=4096&prog=hash&stack=deliver',
    args: STEADY,
  },
  {
    name: 'kernel-618-gro-large',
    query: 'kernel=6.18&traffic=tcp:64&size=1518&link=100&rx=0&entries=4:512&rate=4M&flows=4&prog=rr&stack=iptables-drop',
    args: STEADY,
  },
  // ---- part gx: 5.13's list receive, 5.15's generic XDP into the ring, 6.1 (as 5.15) ----
  { name: 'kernel-515-overload', query: `kernel=5.15&${OVERLOAD}`, args: OVERLOAD_ARGS },
  {
    name: 'kernel-515-trickle',
    query: 'kernel=5.15&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  { name: 'kernel-515-generic', query: 'kernel=5.15&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&mode=skb', args: STEADY },
  {
    name: 'kernel-515-generic-full-ring',
    query: 'kernel=5.15&rx=0,1,2&entries=4:64&rate=14M&prog=rr&arrival=constant&mode=skb&stack=udp-noport',
    args: STEADY,
  },
  {
    name: 'kernel-515-generic-entry-prog',
    query: 'kernel=5.15&rx=0&entries=4:2048:prog=drop:0.5&rate=3M&prog=rr&arrival=constant&mode=skb&stack=deliver',
    args: STEADY,
  },
  { name: 'kernel-510-generic', query: 'kernel=5.10&rx=0&entries=4:192&rate=1M&prog=rr&mode=skb', args: STEADY },
  { name: 'kernel-61-overload', query: `kernel=6.1&${OVERLOAD}`, args: OVERLOAD_ARGS },
  {
    name: 'kernel-61-trickle',
    query: 'kernel=6.1&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
    args: { duration: '20ms', warmup: '2ms' },
  },
  { name: 'kernel-61-generic', query: 'kernel=6.1&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&mode=skb', args: STEADY },
  // ---- teardown from 6.5 to 6.9 (the teardown part) ----
  // 6.6: updates that wait for their kthread and hold back the next map syscalls, deletes and a
  // map free by queue_rcu_work, and a re-create; the same operations on 6.1 go through the refcount
  {
    name: 'kernel-66-ops',
    query:
      'kernel=6.6&rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=3ms:update:4:64,3ms:lookup:4,5ms:delete:5,7ms:update:5:512,12ms:delete:4,18ms:free,21ms:create,21ms:update:4:256,25ms:rate:2M',
    args: OPS,
  },
  {
    name: 'kernel-61-ops',
    query:
      'kernel=6.1&rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=3ms:update:4:64,3ms:lookup:4,5ms:delete:5,7ms:update:5:512,12ms:delete:4,18ms:free,21ms:create,21ms:update:4:256,25ms:rate:2M',
    args: OPS,
  },
  // An RT task on a target CPU and an RX CPU: CFS waits, softirq and RCU go on; 6.6 frees the map under it
  {
    name: 'kernel-66-rt-free',
    query: 'kernel=6.6&cpus=4&rx=0,1&entries=1:256,2:256&rate=4M&ops=2ms:rt:1:3ms,2ms:rt:0:1ms,3ms:update:1:128,4ms:free',
    args: OPS,
  },
];

/** Every case of the corpus, in a fixed order. */
export const GOLDEN_CASES: readonly GoldenCase[] = [...presetCases, ...lessonCases(), ...optCases, ...writtenCases, ...timelineCases];
