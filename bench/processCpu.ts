/**
 * CPU time of this process's descendants (the Chromium that Playwright launched), from /proc:
 * the sum of every thread's run time in /proc/PID/task/TID/schedstat, in nanoseconds. Linux only.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread has gone
  }
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOr(`/proc/${name}/stat`);
    if (stat === null) continue;
    // The command name is in parentheses and may hold spaces: the fields after it are state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    out.push({ pid: Number(name), ppid, cmdline: (readOr(`/proc/${name}/cmdline`) ?? '').replace(/\0/g, ' ') });
  }
  return out;
}

/** This process's descendants. */
function descendants(): Proc[] {
  const all = processes();
  const mine = new Set([process.pid]);
  const out: Proc[] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        out.push(p);
        grew = true;
      }
    }
  }
  return out;
}

/** Each thread's CPU nanoseconds so far, by "pid/tid". */
function threadCpuNs(pid: number, out: Map<string, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    const s = readOr(`/proc/${pid}/task/${tid}/schedstat`);
    if (s !== null) out.set(`${pid}/${tid}`, Number(s.split(' ')[0]));
  }
}

/** A sample of every Chromium thread's CPU time, for `cpuSince`. */
export interface CpuSample {
  renderers: Map<string, number>;
  all: Map<string, number>;
}

/** Samples the CPU time of Chromium's renderer processes (pages and their workers) and of all its processes. */
export function chromiumCpu(): CpuSample {
  const sample: CpuSample = { renderers: new Map(), all: new Map() };
  for (const p of descendants()) {
    if (!/chrom/i.test(p.cmdline)) continue;
    threadCpuNs(p.pid, sample.all);
    if (p.cmdline.includes('--type=renderer')) threadCpuNs(p.pid, sample.renderers);
  }
  return sample;
}

/**
 * CPU nanoseconds used between two samples, thread by thread: a thread started in between counts
 * from zero; one that ended in between is missed (its time is gone from /proc with it).
 */
export function cpuSince(before: CpuSample, after: CpuSample): { renderers: number; all: number } {
  const delta = (a: Map<string, number>, b: Map<string, number>) => {
    let ns = 0;
    for (const [key, v] of b) ns += v - (a.get(key) ?? 0);
    return ns;
  };
  return { renderers: delta(before.renderers, after.renderers), all: delta(before.all, after.all) };
}
