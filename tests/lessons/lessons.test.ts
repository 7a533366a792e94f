/**
 * The lessons: every step loads, reaches its checkpoint in a few seconds of wall time, names only
 * elements the topology shows there, links to upstream kernel lines, and asks questions the run
 * answers. What the texts claim about the run (numbers and states at the checkpoints) is checked
 * against the engine, and the texts must not copy the kernel's source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lessonTable } from '../../src/lessons/lessonTable';
import { describe, expect, it } from 'vitest';
import { COVER_LETTER_STEPS } from '../../bench/scenarios';
import { TASK_INTERRUPTIBLE } from '../../src/engine/kernel/kthread';
import { LESSONS, lessonById } from '../../src/lessons/index';
import type { Lesson, LessonStep, StatQuery } from '../../src/lessons/types';
import { parseScenario } from '../../src/scenario/parse';
import { answerOf, expectedNames, MS, runStep, topologyNames, type StepRun } from './runStep';

const STEPS: { lesson: Lesson; step: LessonStep; n: number; key: string }[] = LESSONS.flatMap((lesson) =>
  lesson.steps.map((step, i) => ({ lesson, step, n: i + 1, key: `${lesson.id} step ${i + 1}` })),
);

/** Runs are deterministic: each step's run is computed once and shared by the tests below. */
const runs = new Map<string, StepRun>();
function runOf(key: string): StepRun {
  let run = runs.get(key);
  if (run === undefined) {
    const s = STEPS.find((x) => x.key === key);
    if (s === undefined) throw new Error(`no step ${key}`);
    run = runStep(s.step);
    runs.set(key, run);
  }
  return run;
}

function stepOf(key: string): LessonStep {
  const s = STEPS.find((x) => x.key === key);
  if (s === undefined) throw new Error(`no step ${key}`);
  return s.step;
}

/** Every string a reader sees. */
function textsOf(lesson: Lesson): string[] {
  return [
    lesson.title,
    lesson.summary,
    ...lesson.steps.flatMap((s) => [s.title, ...s.text, s.predict?.question ?? '', s.predict?.unit ?? '']),
  ];
}

const withinPercent = (actual: number, expected: number, pct: number) => Math.abs(actual - expected) <= (Math.abs(expected) * pct) / 100;

describe('the lesson list', () => {
  it('has at least 6 lessons with unique ids made for links', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    // The six core lessons come first, in reading order.
    expect(ids.slice(0, 6)).toEqual(['one-frame', 'bulk-queues', 'ptr-ring', 'kthread-sleep', 'teardown', 'v50-v52']);
    for (const id of ids) expect(lessonById(id)?.id).toBe(id);
    expect(lessonById('no-such-lesson')).toBeUndefined();
  });

  it('gives every lesson a title, a summary and steps with text', () => {
    for (const l of LESSONS) {
      expect(l.title.trim(), l.id).not.toBe('');
      expect(l.summary.trim(), l.id).not.toBe('');
      expect(l.steps.length, l.id).toBeGreaterThan(0);
      for (const s of l.steps) {
        expect(s.title.trim(), l.id).not.toBe('');
        expect(s.text.length, s.title).toBeGreaterThanOrEqual(1);
        expect(s.text.length, s.title).toBeLessThanOrEqual(3);
        for (const p of s.text) expect(p.trim(), s.title).not.toBe('');
      }
    }
  });
});

describe.each(STEPS.map((s) => [s.key, s] as const))('%s', (key, { step }) => {
  it('loads a clean scenario', () => {
    expect(parseScenario(step.query).problems).toEqual([]);
  });

  it('reaches its checkpoint within 10 s of simulated time and 15 s of wall time', () => {
    const start = step.startAt ?? 0;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThan(step.pauseAt);
    expect(step.pauseAt).toBeLessThanOrEqual(10e9);
    expect(Number.isInteger(start) && Number.isInteger(step.pauseAt)).toBe(true);
    expect(step.speed).toBeGreaterThan(0);
    expect((step.pauseAt - start) / step.speed).toBeLessThanOrEqual(15);
  });

  it('links to upstream kernel lines of its own kernel version', () => {
    expect(step.kernel.length).toBeGreaterThan(0);
    const version = parseScenario(step.query).scenario.kernel;
    for (const ref of step.kernel) {
      expect(ref.url.startsWith('https://elixir.bootlin.com/linux/v5.'), ref.url).toBe(true);
      expect(ref.url.startsWith(`https://elixir.bootlin.com/linux/v${version}/`), ref.url).toBe(true);
      expect(ref.label.trim()).not.toBe('');
    }
  });

  it('highlights and inspects only elements the topology shows at the checkpoint', () => {
    const run = runOf(key);
    const shown = topologyNames(run.engine);
    // The page's layout and the naming rule agree.
    expect([...shown].sort()).toEqual([...expectedNames(run.engine)].sort());
    expect(step.highlight.length).toBeGreaterThan(0);
    for (const name of [...step.highlight, ...(step.inspect === undefined ? [] : [step.inspect])]) {
      expect(shown.has(name), `${name} in ${[...shown].join(', ')}`).toBe(true);
    }
  });

  // Only steps that ask a question get this test.
  if (step.predict !== undefined) {
    it('answers its question from the run', () => {
      const p = step.predict;
      if (p === undefined) return;
      expect(p.question.trim().endsWith('?')).toBe(true);
      expect(p.unit.trim()).not.toBe('');
      expect(p.windowNs).toBeGreaterThan(0);
      expect(p.windowNs).toBeLessThanOrEqual(step.pauseAt);
      const answer = answerOf(runOf(key), p.answer, p.windowNs);
      expect(answer).not.toBeNull();
      expect(Number.isFinite(answer as number)).toBe(true);
    });
  }

  it('runs without invariant violations', () => {
    expect(runOf(key).engine.check()).toEqual([]);
  });
});

/** Numbers the texts or questions state: each is the engine's answer within 3 %. */
interface Claim {
  /** The step whose run is measured (its checkpoint and, unless `q` is given, its question). */
  step: string;
  /** The number, and how the lesson states it (`shown`, in the texts of step `in`); none when the number is the answer to its question. */
  value: number;
  shown?: string;
  in?: string;
  q?: StatQuery;
  windowNs?: number;
  /** Measure this scenario instead of the step's (a figure quoted for comparison). */
  query?: string;
}

const claims: Claim[] = [
  // The cover letter's iptables-raw column, one step per patch, and the model's UdpNoPorts prediction.
  ...COVER_LETTER_STEPS.map((c, i) => ({
    step: `v50-v52 step ${i + 1}`,
    value: c.iptables,
    shown: c.iptables.toLocaleString('en-US'),
    in: `v50-v52 step ${i + 2}`,
  })),
  // README: the model's prediction for UdpNoPorts after the series (not shown before the answer).
  { step: 'v50-v52 step 6', value: 3_524_592 },
  {
    step: 'v50-v52 step 6',
    value: 3_180_074,
    shown: '3,180,074',
    in: 'v50-v52 step 6',
    query: 'kernel=5.0&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=udp-noport',
  },
  // The published overload run.
  { step: 'overload step 1', value: 3_180_074, shown: '3,180,074', in: 'overload step 2' },
  { step: 'overload step 2', value: 11_552_609, shown: '11,552,609', in: 'overload step 3' },
  { step: 'overload step 3', value: 8, shown: '8.00', in: 'overload step 3', q: { stat: 'bulkAvg', to: 4 }, windowNs: 5 * MS },
  {
    step: 'overload step 3',
    value: 0,
    shown: 'sched column of the kthread row is 0',
    in: 'overload step 3',
    q: { stat: 'kthreadSchedPps', cpu: 4 },
    windowNs: 5 * MS,
  },
  // Bulk-average: 1 at a trickle, 5 at 500 kpps, 8 at 2 Mpps.
  { step: 'bulk-queues step 1', value: 1, shown: 'bulk-average 1.00', in: 'bulk-queues step 2' },
  { step: 'bulk-queues step 2', value: 5, shown: 'bulk-average 5.00', in: 'bulk-queues step 3' },
  { step: 'bulk-queues step 3', value: 8, shown: 'Bulk-average 8.00', in: 'bulk-queues step 4' },
  // The small ring.
  { step: 'ptr-ring step 1', value: 4_400_000, shown: 'About 4.4 million', in: 'ptr-ring step 2' },
  {
    step: 'ptr-ring step 1',
    value: 1_600_000,
    shown: '1.6 Mpps',
    in: 'ptr-ring step 2',
    q: { stat: 'kthreadPps', cpu: 4 },
    windowNs: 5 * MS,
  },
  {
    step: 'ptr-ring step 1',
    value: 50_000,
    shown: '50,000 times a second',
    in: 'ptr-ring step 2',
    q: { stat: 'kthreadSchedPps', cpu: 4 },
    windowNs: 5 * MS,
  },
  { step: 'ptr-ring step 3', value: 4_400_000, shown: 'about 4.4 Mpps of the 9', in: 'ptr-ring step 4' },
  {
    step: 'ptr-ring step 3',
    value: 7_650_000,
    shown: '7.65 Mpps',
    in: 'ptr-ring step 3',
    q: { stat: 'kthreadPps', cpu: 4 },
    windowNs: 5 * MS,
    query: 'rx=3&entries=4:2048&rate=9M&prog=rr&arrival=constant&stack=iptables-drop',
  },
  {
    step: 'ptr-ring step 1',
    value: 7_650_000,
    shown: '7.65 Mpps',
    in: 'ptr-ring step 1',
    q: { stat: 'kthreadPps', cpu: 4 },
    windowNs: 5 * MS,
    query: 'rx=3&entries=4:2048&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop',
  },
  // Sleeping and waking.
  { step: 'kthread-sleep step 1', value: 10_000, shown: '10,000 a second', in: 'kthread-sleep step 2' },
  { step: 'kthread-sleep step 4', value: 50_000, shown: '50,000 times a second', in: 'kthread-sleep step 5' },
  {
    step: 'kthread-sleep step 5',
    value: 3_500_000,
    shown: 'about 3.5 Mpps',
    in: 'kthread-sleep step 5',
    q: { stat: 'kthreadPps', cpu: 4 },
    windowNs: 5 * MS,
  },
  { step: 'kthread-sleep step 5', value: 0, shown: 'Zero', in: 'kthread-sleep step 6' },
  // Sharing a CPU.
  { step: 'shared-cpu step 2', value: 3_600_000, shown: 'About 3.6 Mpps', in: 'shared-cpu step 3' },
];

describe('numbers the lessons state', () => {
  it.each(claims.map((c) => [`${c.step}: ${c.shown ?? c.value}`, c] as const))('%s', (_name, c) => {
    const base = stepOf(c.step);
    const q = c.q ?? base.predict?.answer;
    const windowNs = c.windowNs ?? base.predict?.windowNs;
    if (q === undefined || windowNs === undefined) throw new Error(`${c.step} has no question; give the claim its own`);
    const run = c.query === undefined ? runOf(c.step) : runStep({ query: c.query, pauseAt: base.pauseAt });
    const answer = answerOf(run, q, windowNs) as number;
    expect(answer).not.toBeNull();
    if (c.value === 0) expect(answer).toBe(0);
    else expect(withinPercent(answer, c.value, 3), `${answer} vs ${c.value}`).toBe(true);
    if (c.in === undefined || c.shown === undefined) return;
    const text = [...stepOf(c.in).text, stepOf(c.in).predict?.question ?? ''].join('\n');
    expect(text).toContain(c.shown);
  });

  it('says "about half" of 4 Mpps for the redirect errors after the delete', () => {
    const answer = answerOf(runOf('teardown step 3'), { stat: 'redirectErrPps' }, MS) as number;
    expect(answer).toBeGreaterThan(0.4 * 4e6);
    expect(answer).toBeLessThan(0.6 * 4e6);
  });

  it("says the shared CPU's kthread first gets about 0.3 Mpps, and ksoftirqd takes over after about 14 ms", () => {
    const early = answerOf(runOf('shared-cpu step 1'), { stat: 'kthreadPps', cpu: 4 }, 5 * MS) as number;
    expect(early).toBeGreaterThan(0.25e6);
    expect(early).toBeLessThan(0.4e6);
    const run = runStep({ query: stepOf('shared-cpu step 2').query, pauseAt: 16 * MS });
    const at = (endMs: number) => run.samples.find((s) => s.endNs === endMs * MS)?.stats.kthread.find((r) => r.cpu === 4)?.pps ?? 0;
    expect(at(13)).toBeLessThan(1e6);
    expect(at(16)).toBeGreaterThan(3e6);
  });
});

/** States the texts describe at the checkpoints. */
describe('what the checkpoints show', () => {
  const entry = (run: StepRun, cpu: number, inSlot = true) => {
    const e = run.engine.entries.find((x) => x.cpu === cpu && (run.engine.world.map?.slots[cpu] === x) === inSlot && x.kthread !== null);
    if (e === undefined) throw new Error(`no entry for CPU ${cpu}`);
    return e;
  };
  const flushBit = (run: StepRun, cpu: number, key: number) => {
    const map = run.engine.world.map;
    return map === null ? 0 : map.flushNeeded[cpu * map.maxEntries + key];
  };

  it('one-frame: the frame waits at the NIC, then in the bulk queue, the ring, the kthread, and the kthread sleeps again', () => {
    // A fresh run: receiveArrivals shows the frame at the NIC (as the page does) but changes the run.
    let run = runStep(stepOf('one-frame step 1'));
    run.engine.receiveArrivals();
    expect(run.engine.world.nicQueues[0].count).toBe(1);
    expect(run.engine.world.cpus[0].inPoll).toBe(false);
    run = runOf('one-frame step 2');
    expect(entry(run, 4).bqCount[0]).toBe(1);
    expect(flushBit(run, 0, 4)).toBe(1);
    expect(entry(run, 4).kthread?.state).toBe('sleeping');
    run = runOf('one-frame step 3');
    expect(entry(run, 4).bqCount[0]).toBe(0);
    expect(entry(run, 4).ring.count).toBe(1);
    expect(flushBit(run, 0, 4)).toBe(0);
    expect(entry(run, 4).kthread?.state).toBe('runnable');
    run = runOf('one-frame step 4');
    expect(run.engine.world.cpus[4].runningKthread()).toBe(entry(run, 4).kthread);
    expect(entry(run, 4).ring.count).toBe(0);
    run = runOf('one-frame step 5');
    expect(entry(run, 4).kthread?.state).toBe('sleeping');
    expect(run.engine.frameTotals().delivered).toBe(2);
  });

  it('bulk-queues: full bulks reach the ring mid-poll while the kthread sleeps', () => {
    const run = runOf('bulk-queues step 4');
    expect(run.engine.world.cpus[0].inPoll).toBe(true);
    expect(entry(run, 4).ring.count).toBe(16);
    expect(entry(run, 4).kthread?.state).toBe('sleeping');
  });

  it('ptr-ring: the ring is full while the kthread sleeps; later it refuses with consumed slots not yet NULLed', () => {
    let run = runOf('ptr-ring step 2');
    expect(entry(run, 4).ring.count).toBe(32);
    expect(entry(run, 4).kthread?.state).toBe('sleeping');
    run = runOf('ptr-ring step 3');
    const ring = entry(run, 4).ring;
    expect(ring.batch).toBe(16);
    expect(ring.count).toBe(19);
    expect(ring.pendingNull()).toBe(13);
    expect(ring.queue[ring.producer]).not.toBe(0);
    // A flush was refused just before the checkpoint.
    const before = runStep({ query: stepOf('ptr-ring step 3').query, pauseAt: 0 }, stepOf('ptr-ring step 3').pauseAt - 10);
    expect(run.engine.world.acct.ringFull).toBeGreaterThan(before.engine.world.acct.ringFull);
  });

  it('kthread-sleep: the kthread is between set_current_state and the re-check, with an empty ring, then with 8 new frames', () => {
    let run = runOf('kthread-sleep step 2');
    let k = entry(run, 4).kthread;
    expect(k?.phase).toBe('recheck');
    expect(k?.taskState).toBe(TASK_INTERRUPTIBLE);
    expect(entry(run, 4).ring.count).toBe(0);
    run = runOf('kthread-sleep step 3');
    k = entry(run, 4).kthread;
    expect(k?.phase).toBe('recheck');
    expect(k?.taskState).toBe(TASK_INTERRUPTIBLE);
    expect(entry(run, 4).ring.count).toBe(8);
    // They came from CPU 0, mid-poll: its bulk queue was full and took the next frame after the flush.
    expect(run.engine.world.cpus[0].inPoll).toBe(true);
    expect(entry(run, 4).bqCount[0]).toBe(1);
    // The kthread's next step is the re-check: it finds the frames and does not sleep.
    const after = runStep({ query: stepOf('kthread-sleep step 3').query, pauseAt: 0 }, stepOf('kthread-sleep step 3').pauseAt + 50);
    expect(entry(after, 4).kthread?.state).not.toBe('sleeping');
    expect(entry(after, 4).ring.count).toBe(0);
  });

  it('teardown: xchg, stranded bulk queues, the grace period at 22 ms, the drain and the free', () => {
    let run = runOf('teardown step 1');
    expect(entry(run, 4).refcnt).toBe(2);
    expect(entry(run, 4).bqCount[0] + entry(run, 4).bqCount[1]).toBeGreaterThan(0);
    run = runOf('teardown step 2');
    let old = entry(run, 4, false);
    expect(old.lifecycle.state).toBe('detached');
    expect(old.refcnt).toBe(2);
    expect([old.bqCount[0], old.bqCount[1]]).toEqual([7, 7]);
    expect(old.ring.count).toBe(0);
    expect(old.kthread?.state).toBe('sleeping');
    expect([flushBit(run, 0, 4), flushBit(run, 1, 4)]).toEqual([1, 1]);
    run = runOf('teardown step 4');
    old = entry(run, 4, false);
    expect(old.lifecycle.state).toBe('kthreadStopping');
    expect(old.lifecycle.history.find((h) => h.event === 'RCU_FREE_CB')?.atNs).toBe(22 * MS);
    expect(old.refcnt).toBe(1);
    expect(old.bulkqFreed).toBe(true);
    expect(old.ring.count).toBe(14);
    expect(old.kthread?.shouldStop).toBe(true);
    expect(old.kthread?.state).toBe('runnable');
    run = runOf('teardown step 5');
    old = entry(run, 4, false);
    expect(old.lifecycle.state).toBe('freed');
    expect(old.refcnt).toBe(0);
    const totals = run.engine.frameTotals();
    expect(totals.ringFull).toBe(0);
    expect(run.engine.world.acct.ringCleanup).toBe(0);
    expect([flushBit(run, 0, 4), flushBit(run, 1, 4)]).toEqual([1, 1]);
  });

  it('teardown: a replaced entry drains beside the new one and loses nothing', () => {
    let run = runOf('teardown step 6');
    const old = entry(run, 4, false);
    expect(entry(run, 4).uid).not.toBe(old.uid);
    expect(old.ring.count).toBe(16);
    expect(old.bqCount[3]).toBe(4);
    expect(old.kthread?.state).toBe('sleeping');
    const mid = runStep({ query: stepOf('teardown step 7').query, pauseAt: 22 * MS + 1 });
    expect(entry(mid, 4, false).ring.count).toBe(20);
    run = runOf('teardown step 7');
    expect(entry(run, 4, false).lifecycle.state).toBe('freed');
    expect(run.engine.frameTotals().ringFull).toBe(0);
    expect(run.engine.world.acct.ringCleanup).toBe(0);
  });

  it('shared-cpu: once the CPU is shared, the NIC drops what the polls do not take', () => {
    const early = runStep({ query: stepOf('shared-cpu step 3').query, pauseAt: 25 * MS });
    const dropsBefore = early.engine.world.nicQueues[0].nicDrops;
    expect(runOf('shared-cpu step 3').engine.world.nicQueues[0].nicDrops).toBeGreaterThan(dropsBefore + 10_000);
  });
});

/** The reference copies of the kernel file (GPL-2.0): the lessons paraphrase, never quote them. */
// ../shared beside the repository, as the project's checkouts have it.
const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/reference', import.meta.url));
const REFERENCES = ['cpumap-v5.0.c.txt', 'cpumap-v5.2.c.txt'].map((f) => `${REFERENCE_DIR}/${f}`);

describe("the texts are the project's own words", () => {
  it.skipIf(!REFERENCES.every((f) => existsSync(f)))('contain no line of the kernel reference texts longer than 30 characters', () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    const lines = new Set<string>();
    for (const file of REFERENCES) {
      for (const raw of readFileSync(file, 'utf8').split('\n')) {
        // The v5.0 copy carries the original line numbers in front of each line.
        const line = squash(raw.replace(/^\d+ /, ''));
        if (line.length > 30) lines.add(line);
      }
    }
    expect(lines.size).toBeGreaterThan(100);
    // The line numbers of the v5.0 copy were stripped: its lines are found as written upstream.
    expect(lines.has(squash('static int cpu_map_kthread_run(void *data)'))).toBe(true);
    expect(lines.has(squash('static void __cpu_map_entry_free(struct rcu_head *rcu)'))).toBe(true);
    for (const lesson of LESSONS) {
      const text = squash(textsOf(lesson).join('\n'));
      for (const line of lines) expect(text.includes(line), `${lesson.id} copies: ${line}`).toBe(false);
    }
  });

  it('quote no kernel comment (no "/*" or "*/" in the texts)', () => {
    for (const lesson of LESSONS) for (const t of textsOf(lesson)) expect(t.includes('/*') || t.includes('*/'), t).toBe(false);
  });
});

describe('the README', () => {
  it('lists every lesson with a link to each step, as the code has them', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(lessonTable());
  });
});
