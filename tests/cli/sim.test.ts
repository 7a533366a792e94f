import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run sim', () => {
  it('--json has exactly the documented keys, and every frame is in one bucket or in flight', () => {
    const r = sim(
      'rx=0,1&entries=4:256,5:256&rate=2M&ops=5ms:update:6:64,6ms:lookup:6,7ms:next:6,8ms:delete:4,9ms:update:70:64',
      '--duration',
      '20ms',
      '--warmup',
      '2ms',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(
      [
        'enqueue',
        'frames',
        'headroom',
        'kthread',
        'latency',
        'ops',
        'redirectErrPps',
        'rx',
        'scenario',
        'simulatedNs',
        'violations',
      ].sort(),
    );
    expect(j.simulatedNs).toBe(20e6);
    expect(j.violations).toEqual([]);
    const f = j.frames;
    expect(f.offered).toBe(f.nicDropped + f.xdpDropped + f.redirectErr + f.ringFull + f.stackDropped + f.delivered + f.inFlight);
    expect(j.rx.map((x: { cpu: number }) => x.cpu)).toEqual([0, 1]);
    expect(Object.keys(j.rx[0]).sort()).toEqual(['cpu', 'nicDropPps', 'pps']);
    expect(Object.keys(j.enqueue[0]).sort()).toEqual(['bulkAvg', 'dropPps', 'from', 'pps', 'to']);
    expect(Object.keys(j.kthread[0]).sort()).toEqual(['cpu', 'dropPps', 'pps', 'schedPps']);
    const ops = j.ops.filter((o: { at: number }) => o.at > 0);
    expect(ops.map((o: { op: string; result: string }) => `${o.op}:${o.result}`)).toEqual([
      'update:0',
      'lookup:0',
      'next:0',
      'delete:0',
      'update:-E2BIG',
    ]);
    expect(ops[1].value).toBe(64);
    expect(ops[2].next).toBe(7);
    expect(Object.keys(ops[0]).sort()).toEqual(['at', 'flags', 'key', 'next', 'op', 'qsize', 'result', 'value']);
  }, 120_000);

  it('--text prints the xdp_redirect_cpu rows and columns', () => {
    // The published v5.0 iptables-raw run (FACTS.md): 19.4 Mpps on a 40G link, full bulks.
    const r = sim('kernel=5.0&rx=3&entries=4:128&rate=19.4M&link=40&arrival=constant&stack=iptables-drop', '--duration', '20ms', '--text');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Running XDP/eBPF prog_num:0');
    expect(lines[1]).toBe('XDP-cpumap      CPU:to  pps            drop-pps    extra-info');
    expect(lines[2]).toMatch(/^XDP-RX {10}3 {7}19,\d{3},\d{3} +0 +0$/);
    expect(lines[4]).toMatch(/^cpumap-enqueue {4}3:4 {3}19,\d{3},\d{3} +\d[\d,]* +8\.00 +bulk-average$/);
    expect(lines[5]).toMatch(/^cpumap-enqueue {2}sum:4 /);
    expect(lines[6]).toMatch(/^cpumap_kthread {2}4 {7}6,\d{3},\d{3} /);
    expect(lines.slice(-2)).toEqual(['redirect_err    total   0              0', 'xdp_exception   total   0              0']);
  }, 120_000);

  it('--trace prints trace_pipe lines for both tracepoints, bounded by --limit', () => {
    const r = sim('rx=3&entries=4:128&rate=1M&prog=rr', '--duration', '5ms', '--trace', '--limit', '20');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(20);
    // The enqueue fires in the NAPI poll (serving NET_RX: ..s.).
    expect(
      lines.some((l) =>
        /\[003\] \.\.s\. +\d+\.\d{6}: xdp_cpumap_enqueue: enqueue cpu=3 map_id=\d+ action=REDIRECT processed=\d drops=\d to_cpu=4$/.test(l),
      ),
    ).toBe(true);
    // The kthread's runs under local_bh_disable, which does not print s: .... (it printed ..s. before).
    expect(
      lines.some((l) =>
        /cpumap\/4\/map:\d+-\d+ +\[004\] \.\.\.\. +\d+\.\d{6}: xdp_cpumap_kthread: kthread cpu=4 map_id=\d+ action=REDIRECT processed=\d drops=0 sched=[01]$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(lines.filter((l) => l.includes('xdp_cpumap_kthread:')).every((l) => / \.\.\.\. /.test(l))).toBe(true);
  }, 120_000);

  it('a failed map create prints the errno and the reason and exits non-zero', () => {
    const r = sim('cap=0', '--duration', '1ms');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('-EPERM');
    expect(r.stderr).toContain('CAP_SYS_ADMIN');
    const big = sim('max=65', '--duration', '1ms', '--json');
    expect(big.code).toBe(1);
    expect(big.stderr).toContain('-E2BIG');
  }, 120_000);

  it('bad parameters and flags: a clear message, non-zero exit, no stack trace', () => {
    const bad = sim('cpus=99&rate=fast', '--duration', '1ms');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cpus: "99" is not allowed');
    expect(bad.stderr).toContain('rate');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const flag = sim('', '--duration', 'soon');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--duration: "soon" is not a duration');
    const unknown = sim('', '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
  }, 120_000);
});
