/**
 * The lessons: every step loads, reaches its checkpoint in a few seconds of wall time, names only
 * elements the topology shows there, links to upstream kernel lines, and asks questions the run
 * answers. Each step is played as the page plays it (pageRun.ts drives the worker's own
 * SimController), and every claim its words make is read from what the worker sends the page there:
 * the snapshot the topology draws, the inspector, the statistics, the trace log, the journeys. A
 * number in a step's words that no claim states (and that is not a name or a declared constant)
 * fails the test, as does a claim whose wrong value would pass too. The texts must not copy the
 * kernel's source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../src/engine/snapshot';
import { lessonTable } from '../../src/lessons/lessonTable';
import { LESSONS, lessonById } from '../../src/lessons/index';
import { asksFirst, type Claim, type Lesson, type LessonStep, type Question } from '../../src/lessons/types';
import { parseScenario } from '../../src/scenario/parse';
import type { Topology } from '../../src/worker/protocol';
import { isState, judge, measure, measuredNumbers, wrong, type Reading } from './claims';
import { runAsPage, spotsOf, type PageRun } from './pageRun';

const STEPS: { lesson: Lesson; step: LessonStep; n: number; key: string }[] = LESSONS.flatMap((lesson) =>
  lesson.steps.map((step, i) => ({ lesson, step, n: i + 1, key: `${lesson.id} step ${i + 1}` })),
);

/** Runs are deterministic: each is played once and shared by the tests below. */
const runs = new Map<string, PageRun>();
function played(step: Pick<LessonStep, 'query' | 'startAt' | 'pauseAt' | 'speed'>): PageRun {
  const key = JSON.stringify([step.query, step.startAt ?? 0, step.pauseAt, step.speed]);
  let run = runs.get(key);
  if (run === undefined) {
    run = runAsPage(step);
    runs.set(key, run);
  }
  return run;
}

/** Where a claim of `step` (step `n` of `lesson`) is measured. */
function readingFor(lesson: Lesson, step: LessonStep, claim: Claim): { run: PageRun; step: LessonStep; other: boolean } {
  const where = claim.run;
  if (where === undefined) return { run: played(step), step, other: false };
  if ('step' in where) {
    const other = lesson.steps[where.step - 1];
    if (other === undefined) throw new Error(`${lesson.id} has no step ${where.step}`);
    return { run: played(other), step: other, other: true };
  }
  const changed = { ...step, ...where };
  return { run: played(changed), step: changed, other: true };
}

/** Every string a reader sees. */
function textsOf(lesson: Lesson): string[] {
  return [
    lesson.title,
    lesson.summary,
    ...lesson.steps.flatMap((s) => [...wordsOf(s), s.predict !== undefined && s.predict.kind !== 'choice' ? s.predict.unit : '']),
  ];
}

/** A question's words: the question, its choices and why its answer is right. */
function questionWords(q: Question | undefined): string[] {
  if (q === undefined) return [];
  return [q.question, ...(q.kind === 'choice' ? q.choices.map((c) => c.label) : []), q.why];
}

/** The words of one step: its title, its paragraphs and its question. */
function wordsOf(step: LessonStep): string[] {
  return [step.title, ...step.text, ...questionWords(step.predict)];
}

/** The accessible names of the topology's elements by the naming rule alone (a cross-check of the layout). */
function expectedNames(topology: Topology, s: EngineSnapshot): Set<string> {
  const names = new Set<string>();
  for (let c = 0; c < topology.cpus; c++) names.add(`CPU ${c}`);
  const rxCpus = new Set<number>();
  for (const q of s.nicQueues) {
    names.add(`RX queue ${q.index} on CPU ${q.cpu}`);
    rxCpus.add(q.cpu);
  }
  for (const e of s.entries) {
    const same = s.entries.filter((x) => x.cpu === e.cpu);
    const current = same.find((x) => x.inSlot) ?? same.reduce((a, b) => (b.uid > a.uid ? b : a));
    const suffix = same.length > 1 && current.uid !== e.uid ? ` (old, uid ${e.uid})` : '';
    names.add(`Entry for CPU ${e.cpu}${suffix}`);
    for (const rx of rxCpus) names.add(`Bulk queue CPU ${rx} to CPU ${e.cpu}${suffix}`);
  }
  return names;
}

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

  it('states no measurement in a lesson title or summary (the steps claim them)', () => {
    for (const l of LESSONS) {
      for (const words of [l.title, l.summary]) {
        for (const n of measuredNumbers(words)) {
          const inside = (l.fixed ?? []).some((p) => {
            const i = words.indexOf(p);
            return i >= 0 && i <= n.index && n.index + n.raw.length <= i + p.length;
          });
          expect(inside, `"${n.raw}" in: ${words}`).toBe(true);
        }
      }
    }
  });

  it('asks at least one question in every lesson', () => {
    for (const l of LESSONS)
      expect(
        l.steps.some((s) => s.predict !== undefined),
        l.id,
      ).toBe(true);
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

describe.each(STEPS.map((s) => [s.key, s] as const))('%s', (key, { lesson, step }) => {
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

  it('is played by the worker, which pauses by itself at the checkpoint', () => {
    const run = played(step);
    expect(run.start.simNs).toBe(step.startAt ?? 0);
    expect(run.pausedAtCheckpoint).toBe(true);
  });

  it('links to upstream kernel lines of its own kernel version', () => {
    expect(step.kernel.length).toBeGreaterThan(0);
    const version = parseScenario(step.query).scenario.kernel;
    for (const ref of step.kernel) {
      expect(ref.url.startsWith(`https://elixir.bootlin.com/linux/v${version}/`), ref.url).toBe(true);
      expect(ref.label.trim()).not.toBe('');
    }
  });

  it('highlights and inspects only elements the topology shows at the checkpoint', () => {
    const run = played(step);
    const shown = new Set(spotsOf(run.topology, run.snapshot).map((h) => h.name));
    // The page's layout and the naming rule agree.
    expect([...shown].sort()).toEqual([...expectedNames(run.topology, run.snapshot)].sort());
    expect(step.highlight.length).toBeGreaterThan(0);
    for (const name of [...step.highlight, ...(step.inspect === undefined ? [] : [step.inspect])]) {
      expect(shown.has(name), `${name} in ${[...shown].join(', ')}`).toBe(true);
    }
    if (step.inspect !== undefined) expect(run.inspect(step.inspect).fields.length).toBeGreaterThan(0);
  });

  // Only steps that ask a question get these tests.
  const q = step.predict;
  if (q !== undefined && q.kind !== 'choice') {
    it('answers its question from the statistics the page holds at the checkpoint, as the lesson expects', () => {
      expect(q.question.trim().endsWith('?')).toBe(true);
      expect(q.unit.trim()).not.toBe('');
      expect(q.why.trim()).not.toBe('');
      expect(q.windowNs).toBeGreaterThan(0);
      expect(q.windowNs).toBeLessThanOrEqual(step.pauseAt - (step.startAt ?? 0));
      const claim: Claim = { says: q.question, of: { of: 'stat', q: q.answer, windowNs: q.windowNs }, is: q.expect, within: q.within ?? 1 };
      const answer = measure(claim.of, { run: played(step), view: 'checkpoint', step });
      expect(Number.isFinite(answer as number)).toBe(true);
      expect(judge(claim, answer), `${key}: the engine answers ${String(answer)}`).toBeNull();
      expect(judge(wrong(claim, answer), answer)).not.toBeNull();
    });
  }
  if (q !== undefined && q.kind === 'choice') {
    it('asks a multiple choice whose right answer is the fact the run shows, and no other', () => {
      expect(q.question.trim().endsWith('?')).toBe(true);
      expect(q.why.trim()).not.toBe('');
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(q.choices.map((c) => c.label)).size).toBe(q.choices.length);
      const right = q.choices[q.answer];
      expect(right, `answer ${q.answer}`).toBeDefined();
      expect(right.fact, 'the right choice states a fact of the run').toBeDefined();
      for (const [i, choice] of q.choices.entries()) {
        if (choice.fact === undefined) continue;
        const claim: Claim = { says: choice.label, ...choice.fact };
        const { run, step: measured } = readingFor(lesson, step, claim);
        const value = measure(claim.of, { run, view: 'checkpoint', step: measured });
        if (i === q.answer) expect(judge(claim, value), `${key}: "${choice.label}"`).toBeNull();
        else expect(judge(claim, value), `${key}: the wrong "${choice.label}" holds too`).not.toBeNull();
      }
      if (q.where.on === 'topology') {
        const shown = new Set(spotsOf(played(step).topology, played(step).snapshot).map((h) => h.name));
        expect(shown.has(q.where.element), q.where.element).toBe(true);
      }
    });
  }

  it('runs without invariant violations', () => {
    expect(played(step).engine.check()).toEqual([]);
  });

  it('states every number of its words as a claim, a name or a declared constant', () => {
    const phrases = [...step.claims.map((c) => c.says), ...(step.fixed ?? [])];
    for (const words of wordsOf(step)) {
      for (const n of measuredNumbers(words)) {
        const inside = phrases.some((p) => {
          for (let i = words.indexOf(p); i >= 0; i = words.indexOf(p, i + 1))
            if (i <= n.index && n.index + n.raw.length <= i + p.length) return true;
          return false;
        });
        expect(inside, `"${n.raw}" in: ${words}`).toBe(true);
      }
    }
    for (const phrase of phrases)
      expect(
        wordsOf(step).some((w) => w.includes(phrase)),
        `"${phrase}" is not in the words`,
      ).toBe(true);
  });

  if (step.claims.length > 0) {
    describe('claims', () => {
      it.each(step.claims.map((c) => [c.says, c] as const))('%s', (_says, claim) => {
        // The number the words write is the claim's value (one number a claim, so none goes unchecked).
        const written = measuredNumbers(claim.says);
        expect(written.length, claim.says).toBeLessThanOrEqual(1);
        if (typeof claim.is === 'number' && written.length > 0) expect(written[0].value, claim.says).toBe(claim.is);
        const { run, step: measured, other } = readingFor(lesson, step, claim);
        // A step with a question waits for the guess at its start, its words in view: its state claims hold there too.
        const views: Reading['view'][] = asksFirst(step.predict) && !other && isState(claim.of) ? ['start', 'checkpoint'] : ['checkpoint'];
        for (const view of views) {
          const value = measure(claim.of, { run, view, step: measured });
          expect(judge(claim, value), `${key} at the ${view}: "${claim.says}"`).toBeNull();
          // And the claim is not one any value would pass.
          expect(judge(wrong(claim, value), value), `${key}: a wrong "${claim.says}" passes too`).not.toBeNull();
        }
      });
    });
  }
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
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('lists every lesson with a link to each step, as the code has them', () => {
    expect(readme).toContain(lessonTable());
  });

  it("gives the model's UdpNoPorts prediction for v5.2 that the v50-v52 lesson's last question answers", () => {
    const prediction = /predicts UdpNoPorts after each step[^:]*:([\s\d,/]+)pps/.exec(readme);
    expect(prediction).not.toBeNull();
    const last = Number((prediction?.[1] ?? '').split('/').at(-1)?.replace(/[\s,]/g, ''));
    const step = lessonById('v50-v52')?.steps.at(-1);
    if (step?.predict === undefined || step.predict.kind === 'choice') throw new Error('the v50-v52 lesson ends without its question');
    const answer = measure(
      { of: 'stat', q: step.predict.answer, windowNs: step.predict.windowNs },
      { run: played(step), view: 'checkpoint', step },
    );
    expect(judge({ is: last, within: 1 }, answer)).toBeNull();
  });
});

describe('the claim checks', () => {
  it('read only the numbers that measure: not names, code or parts of words', () => {
    const text =
      'At 4.4 Mpps (50,000 a second, bulk-average 8.00) CPU 4, CPUs 0 and 1, RX queue 0, key 4 and `ops=20003us:delete:4` on v5.2 with i40e in 2019: 7 frames.';
    expect(measuredNumbers(text).map((n) => n.raw)).toEqual(['4.4', '50,000', '8.00', '7']);
    expect(measuredNumbers('50,000')[0].value).toBe(50_000);
  });

  it('judge a value exactly, within a tolerance or against a bound, and a wrong claim fails', () => {
    expect(judge({ is: 19 }, 19)).toBeNull();
    expect(judge({ is: 19 }, 18)).not.toBeNull();
    expect(judge({ is: 4.4, scale: 1e6, within: 3 }, 4.5e6)).toBeNull();
    expect(judge({ is: 4.4, scale: 1e6, within: 3 }, 4.6e6)).not.toBeNull();
    expect(judge({ is: 1, bound: 'min' }, 0)).not.toBeNull();
    expect(judge({ is: 'sleeping' }, 'runnable')).not.toBeNull();
    const claim: Claim = { says: 'the ring holds 19 frames', of: { of: 'ring', entry: 'Entry for CPU 4', field: 'count' }, is: 19 };
    expect(judge(wrong(claim, 19), 19)).not.toBeNull();
  });

  it('fail on the number a step states wrongly: ptr-ring step 3 with the ring count of the old text', () => {
    const lesson = lessonById('ptr-ring');
    const step = lesson?.steps[2];
    if (lesson === undefined || step === undefined) throw new Error('no ptr-ring step 3');
    const claim = step.claims.find((c) => c.says === 'The ring now holds 17 frames' && c.of.of === 'ring');
    if (claim === undefined) throw new Error('ptr-ring step 3 states no ring count');
    const reading: Reading = { run: played(step), view: 'checkpoint', step };
    expect(judge(claim, measure(claim.of, reading))).toBeNull();
    expect(judge({ ...claim, is: 19 }, measure(claim.of, reading))).not.toBeNull();
  });
});
