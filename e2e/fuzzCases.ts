/**
 * The hostile links and scenario files the Chromium fuzz spec opens: sampled from the unit fuzz
 * tests' generators with a fixed seed, plus an HTML payload in every parameter and the extremes
 * (a link over the length limit, one of thousands of parameters, a heavy start time).
 */
import fc from 'fast-check';
import { MAX_QUERY_LENGTH, SCENARIO_PARAMS } from '../src/scenario/parse';
import { VIEW_PARAMS } from '../src/scenario/viewParams';
import { scenarioFile } from '../src/ui/exports/scenarioFile';
import { encodeText, HTML_PAYLOADS, hostileQuery } from '../tests/fuzz/hostileInputs';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);

/** Every parameter, three to a link, each holding an HTML payload. */
function payloadInEveryParam(): string[] {
  const params = [...SCENARIO_PARAMS, ...VIEW_PARAMS, 'unknown'];
  const links: string[] = [];
  for (let i = 0; i < params.length; i += 3) {
    links.push(
      params
        .slice(i, i + 3)
        .map((p, j) => `${p}=${encodeText(HTML_PAYLOADS[(i + j) % HTML_PAYLOADS.length])}`)
        .join('&'),
    );
  }
  return links;
}

const EXTREMES = [
  // Over the length limit: refused whole, one problem.
  `cpus=4&x=${encodeText(HTML_PAYLOADS[0]).repeat(Math.ceil((MAX_QUERY_LENGTH + 1) / 40))}`,
  // Thousands of unknown parameters at the length limit: every one is listed.
  'a&'.repeat(MAX_QUERY_LENGTH / 2 - 1),
  // The longest start time, on the heaviest scenario: the worker is busy for a while, the page is not.
  `cpus=64&rx=${Array.from({ length: 64 }, (_, i) => i).join(',')}&rate=14.88M&t=10s&paused=1`,
  `embed=1&lesson=no-such-lesson&step=3&sel=${encodeText(HTML_PAYLOADS[2])}`,
  'lesson=one-frame&step=99&theme=dark&theme=%3Cb%3E',
  `compare=kernel%3D5.0%26${encodeText(encodeText(HTML_PAYLOADS[1]))}%3D1&lesson=one-frame&step=2&embed=1&sel=cpu:1`,
  'step=2&speed=1e309&t=-0&paused=NaN&v=0x10',
];

/** The links to open (queries without `?`), the same on every run. */
export function fuzzLinks(count: number): string[] {
  const sampled = fc
    .sample(hostileQuery, { seed: FUZZ_SEED, numRuns: Math.max(0, count - EXTREMES.length - 10) })
    // Some embedded, where the notice and the lesson's word have less room.
    .map((link, i) => (i % 4 === 1 ? `embed=1&${link}` : link));
  return [...EXTREMES, ...payloadInEveryParam(), ...sampled];
}

export interface FuzzFile {
  label: string;
  name: string;
  bytes: Buffer;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** The scenario files to open with "Open scenario file". */
export function fuzzFiles(): FuzzFile[] {
  const valid = scenarioFile('cpus=4&rx=0,1&entries=2:64,3:64');
  const deep = 100_000;
  return [
    { label: 'a valid file', name: 'cpumap-scenario.json', bytes: json(valid) },
    {
      label: 'a valid file with a byte order mark',
      name: 'bom.json',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(valid)]),
    },
    { label: 'a 2 MB file', name: 'huge.json', bytes: Buffer.alloc(2 * 1024 * 1024, 0x20) },
    { label: 'a file that is not JSON', name: 'notes.txt', bytes: Buffer.from(`cpus=4 ${HTML_PAYLOADS[0]}`) },
    { label: 'HTML as the whole file', name: 'page.html', bytes: Buffer.from(`<!doctype html>${HTML_PAYLOADS.join('')}`) },
    { label: 'a payload as the file name', name: `${HTML_PAYLOADS[0]}.json`, bytes: Buffer.from('[]') },
    { label: 'a payload as the version', name: 'version.json', bytes: json({ version: HTML_PAYLOADS[2], query: '' }) },
    {
      label: 'a query with bad parameters',
      name: 'bad-query.json',
      bytes: json({ version: 1, query: `cpus=999&stack=${HTML_PAYLOADS[0]}&${HTML_PAYLOADS[2]}=1&ops=${Array(50).fill('<b>').join(',')}` }),
    },
    {
      label: 'a payload in a scenario field',
      name: 'field.json',
      bytes: json({ ...valid, scenario: { ...valid.scenario, kernel: HTML_PAYLOADS[1] } }),
    },
    {
      label: 'a field of the wrong type',
      name: 'types.json',
      bytes: json({ ...valid, scenario: { ...valid.scenario, rx: HTML_PAYLOADS[3] } }),
    },
    { label: 'a version nested deep', name: 'deep.json', bytes: Buffer.from(`{"version":${'['.repeat(deep)}${']'.repeat(deep)}}`) },
    {
      label: 'prototype-pollution keys',
      name: 'proto.json',
      bytes: Buffer.from(`{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"version":1,"query":"cpus=2"}`),
    },
    { label: 'invalid UTF-8', name: 'bytes.json', bytes: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]) },
    { label: 'an empty file', name: 'empty.json', bytes: Buffer.alloc(0) },
    {
      label: 'a lone surrogate escaped in a field',
      name: 'surrogate.json',
      bytes: Buffer.from(JSON.stringify({ ...valid, scenario: { ...valid.scenario, stack: 'x' } }).replace('"x"', '"\\ud800"')),
    },
  ];
}
