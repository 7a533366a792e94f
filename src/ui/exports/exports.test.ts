import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import type { StatsSample } from '../../worker/statsSampler';
import type { TraceLine } from '../feeds';
import { EDGE_STATS, engineSamples } from '../panels/stats/fixtures.test-util';
import { MAX_SCENARIO_FILE_BYTES, readScenarioFile, scenarioFile, scenarioFileText } from './scenarioFile';
import { CSV_COLUMNS, csvField, statsCsv } from './statsCsv';
import { statsJson } from './statsJson';
import { traceText } from './traceText';

/** A small RFC 4180 reader for the tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  return rows;
}

const edgeSample: StatsSample = { endNs: 2e9, periodNs: 1e9, partial: false, stats: EDGE_STATS, headroom: [], latency: [] };

describe('trace text', () => {
  it('writes tracepoint hits in trace_pipe form and op lines, one per line', () => {
    const lines: TraceLine[] = [
      { kind: 'tracepoint', seq: 0, event: { kind: 'enqueue', at: 1_234_567, cpu: 3, pid: 0, mapId: 1, processed: 8, drops: 0, extra: 4 } },
      { kind: 'op', seq: 1, at: 2_000_000, text: 'update key 70: -E2BIG (key 70 >= max_entries 8)' },
      {
        kind: 'tracepoint',
        seq: 2,
        event: { kind: 'kthread', at: 2_500_000, cpu: 4, pid: 99, mapId: 1, processed: 8, drops: 0, extra: 0 },
      },
    ];
    const text = traceText(lines, (pid) => (pid === 99 ? 'cpumap/4/map:1' : undefined));
    const out = text.split('\n');
    expect(out).toHaveLength(4);
    expect(out[3]).toBe('');
    // The kthread is not in softirq context: .... where the NAPI poll's enqueue prints ..s.
    expect(out[2]).toMatch(/cpumap\/4\/map:1-99 +\[004\] \.\.\.\.\s+0\.002500: xdp_cpumap_kthread: /);
    expect(out[0]).toMatch(
      /\[003\] \.\.s\.\s+0\.001234: xdp_cpumap_enqueue: enqueue cpu=3 map_id=1 action=REDIRECT processed=8 drops=0 to_cpu=4$/,
    );
    expect(out[1]).toContain('0.002000: bpf(BPF_MAP_UPDATE_ELEM): update key 70: -E2BIG');
    expect(traceText([])).toBe('');
  });
});

describe('statistics CSV', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('has a header and one row per sample, kind and CPU', () => {
    const rows = parseCsv(statsCsv([edgeSample]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(EDGE_STATS.rx.length + EDGE_STATS.enqueue.length + EDGE_STATS.kthread.length + 1);
    for (const r of body) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const enq = body.find((r) => r[col('kind')] === 'enqueue' && r[col('from')] === '3');
    expect(enq).toBeDefined();
    expect(enq?.[col('to')]).toBe('4');
    expect(Number(enq?.[col('pps')])).toBe(6_190_000.5);
    expect(Number(enq?.[col('drop_pps')])).toBe(8_510_000);
    expect(Number(enq?.[col('extra')])).toBe(8);
    const kth = body.find((r) => r[col('kind')] === 'kthread' && r[col('cpu')] === '5');
    expect(Number(kth?.[col('extra')])).toBe(250);
    const err = body.find((r) => r[col('kind')] === 'redirect_err');
    expect(Number(err?.[col('drop_pps')])).toBe(42);
    expect(body.every((r) => r[col('end_ns')] === '2000000000' && r[col('period_ns')] === '1000000000')).toBe(true);
  });

  it('writes a real run with numeric rates', () => {
    const samples = engineSamples('rx=3&entries=4:128&rate=2M', 3, 1e6);
    const rows = parseCsv(statsCsv(samples)).slice(1);
    expect(rows.some((r) => r[3] === 'kthread')).toBe(true);
    for (const r of rows) expect(Number.isFinite(Number(r[7]))).toBe(true);
    expect(statsCsv([])).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});

describe('statistics JSON', () => {
  const CLI_KEYS = ['scenario', 'simulatedNs', 'rx', 'enqueue', 'kthread', 'redirectErrPps', 'ops', 'frames', 'violations'];

  it("has the CLI's keys, from the latest sample", () => {
    const samples = engineSamples('rx=3&entries=4:128&rate=2M', 3, 1e6);
    const out = JSON.parse(
      JSON.stringify(
        statsJson({
          query: 'rx=3&entries=4:128&rate=2M&speed=max',
          samples,
          snapshot: null,
          opLog: [
            {
              at: 5,
              op: 'update',
              key: 70,
              qsize: 64,
              flags: 0,
              result: '-E2BIG',
              value: null,
              next: null,
              reason: 'key 70 >= max_entries 4',
            },
          ],
        }),
      ),
    ) as Record<string, unknown>;
    for (const k of CLI_KEYS) expect(out).toHaveProperty(k);
    // The CLI's form: every parameter, view parameters left out.
    expect(out.scenario).toBe(serializeScenario(parseScenario('rx=3&entries=4:128&rate=2M').scenario, 'full'));
    // The full form names the preemption model too.
    expect(out.scenario).toMatch(/^kernel=5\.2&preempt=full&cpus=\d+&max=/);
    expect(parseScenario(out.scenario as string).problems).toEqual([]);
    const last = samples[samples.length - 1];
    expect(out.rx).toEqual([{ cpu: 3, pps: last.stats.rx[0].pps, nicDropPps: 0 }]);
    expect(out.kthread).toEqual(last.stats.kthread);
    expect(out.simulatedNs).toBe(last.endNs);
    expect(out.ops).toEqual([{ at: 5, op: 'update', key: 70, qsize: 64, flags: 0, result: '-E2BIG', value: null, next: null }]);
    expect(out.samples).toHaveLength(samples.length);
    expect(out.violations).toEqual([]);
  });

  it('is complete before the first sample', () => {
    const out = statsJson({ query: '', samples: [], snapshot: null, opLog: [] });
    expect(out.enqueue).toEqual([]);
    expect(out.redirectErrPps).toBe(0);
    expect(out.frames.offered).toBe(0);
    expect(out.intervalEndNs).toBeNull();
  });
});

describe('scenario files', () => {
  it('round-trip', () => {
    const query = 'kernel=5.0&cpus=8&rx=0,1&entries=4:192,5:64&rate=3M&ops=1ms:free';
    const text = scenarioFileText(`${query}&speed=max`);
    const file = JSON.parse(text) as ReturnType<typeof scenarioFile>;
    expect(file.version).toBe(1);
    expect(file.scenario.cpus).toBe(8);
    expect(file.query).not.toContain('speed');
    const read = readScenarioFile(text);
    expect(read).toEqual({ ok: true, query: file.query });
    expect(parseScenario(read.ok ? read.query : '').scenario).toEqual(parseScenario(query).scenario);
    // Only the query: read as a URL.
    expect(readScenarioFile(JSON.stringify({ version: 1, query }))).toEqual({ ok: true, query: file.query });
  });

  it('refuse bad files with a message', () => {
    const message = (text: string, bytes?: number) => {
      const r = readScenarioFile(text, bytes);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(message('cpus=4')).toMatch(/not JSON/);
    expect(message('[1]')).toMatch(/not a scenario file/);
    expect(message('null')).toMatch(/not a scenario file/);
    expect(message(JSON.stringify({ version: 2, query: '' }))).toMatch(/version 2.*version 1/);
    expect(message(JSON.stringify({ query: '' }))).toMatch(/version missing/);
    expect(message(JSON.stringify({ version: 1 }))).toMatch(/neither/);
    expect(message(JSON.stringify({ version: 1, query: 'cpus=999' }))).toMatch(/problems:.*cpus|999/);
    expect(message(JSON.stringify({ version: 1, scenario: {} }))).toMatch(/cannot be read/);
    const file = scenarioFile('cpus=4');
    expect(message(JSON.stringify({ ...file, scenario: { ...file.scenario, rate: -5 } }))).toMatch(/cannot be read|problems/);
    expect(message(JSON.stringify({ ...file, scenario: { ...file.scenario, cpus: 1000 } }))).toMatch(/problems/);
    expect(message('{}', MAX_SCENARIO_FILE_BYTES + 1)).toMatch(/too large/);
  });

  it('read a file with every kind of operation', () => {
    const query =
      'ops=1ms:update:4:64:2,2ms:delete:4,3ms:lookup:5,4ms:next,5ms:next:4,6ms:free,7ms:create,8ms:create:4,9ms:rate:500k,10ms:irq:1:3,11ms:failslab:2';
    expect(parseScenario(query).problems).toEqual([]);
    expect(readScenarioFile(scenarioFileText(query))).toEqual({ ok: true, query });
  });

  it('read a file saved before preempt existed as preempt=full, and keep preempt=none when a file has it', () => {
    const { scenario } = scenarioFile('kernel=5.0&rate=2M');
    const { preempt, ...older } = scenario;
    expect(preempt).toBe('full');
    expect(readScenarioFile(JSON.stringify({ version: 1, scenario: older }))).toEqual({ ok: true, query: 'kernel=5.0&rate=2M' });
    expect(readScenarioFile(scenarioFileText('preempt=none&rate=2M'))).toEqual({ ok: true, query: 'preempt=none&rate=2M' });
    const read = readScenarioFile(JSON.stringify({ version: 1, scenario: { ...scenario, preempt: 'voluntary' } }));
    expect(read).toEqual({ ok: false, message: 'The file\'s scenario has problems: preempt: "voluntary" is not allowed: full or none' });
  });

  it('read a file that begins with a byte order mark', () => {
    expect(readScenarioFile(`\uFEFF${scenarioFileText('cpus=4')}`)).toEqual({ ok: true, query: 'cpus=4' });
  });

  it('refuse a version nested deep or a long one with a short message, without a stack overflow', () => {
    const deep = readScenarioFile(`{"version":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(deep).toEqual({ ok: false, message: 'Unsupported scenario file version a list: this page reads version 1.' });
    const long = readScenarioFile(JSON.stringify({ version: 'x'.repeat(500_000) }));
    expect(long.ok ? '' : long.message).toBe(`Unsupported scenario file version "${'x'.repeat(79)}…": this page reads version 1.`);
  });

  it('name the first field of the wrong type, not the TypeError it would cause', () => {
    const { scenario } = scenarioFile('cpus=4');
    const read = (patch: Record<string, unknown>) => readScenarioFile(JSON.stringify({ version: 1, scenario: { ...scenario, ...patch } }));
    expect(read({ rx: '0,1' })).toEqual({
      ok: false,
      message: "The file's scenario cannot be read: its rx is not a list of at most 64 CPU numbers.",
    });
    expect(read({ arrival: { kind: 'bursty' } })).toMatchObject({ message: /its arrival is not an object such as/ });
    expect(read({ ops: [{ at: 0, op: 'toString' }] })).toMatchObject({ message: /its ops is not a list of at most 1000 map operations/ });
    expect(read({ kernel: undefined })).toMatchObject({ message: "The file's scenario cannot be read: it has no kernel." });
    // Inherited fields do not count: a scenario is its own fields.
    expect(readScenarioFile('{"version":1,"scenario":{"__proto__":{"kernel":"5.2"}}}')).toMatchObject({ message: /it has no kernel/ });
  });

  it('write a lone surrogate in a string as U+FFFD, which the parser then names', () => {
    const { scenario } = scenarioFile('');
    const read = readScenarioFile(JSON.stringify({ version: 1, scenario: { ...scenario, kernel: '5.2\uD800' } }));
    expect(read).toEqual({
      ok: false,
      message: 'The file\'s scenario has problems: kernel: "5.2\uFFFD" is not allowed: 5.0, 5.2, 5.4, 5.10, 5.15, 6.1, 6.6, 6.12 or 6.18',
    });
  });

  it('list the first five problems of a query and count the rest', () => {
    const read = readScenarioFile(JSON.stringify({ version: 1, query: `ops=${Array(1000).fill('x').join(',')}` }));
    const message = read.ok ? '' : read.message;
    expect(message.match(/ops: "x" is not allowed/g)).toHaveLength(5);
    expect(message).toMatch(/; and 995 more$/);
  });
});
