/**
 * The lint gate that keeps the engine portable: code under src/engine may not import React, the
 * UI or the worker, nor touch the DOM or worker globals. Checked on snippets linted as if they
 * were engine files, so a config change that drops the rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function problems(code: string, filePath = 'src/engine/kernel/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the engine boundary lint rule', () => {
  it.each([
    ["import { useState } from 'react';\nexport const s = useState;", /no-restricted-imports.*free of UI libraries/],
    ["import { useUi } from '../../ui/store';\nexport const u = useUi;", /no-restricted-imports.*must not import the UI, the worker/],
    ["import { SimController } from '../../worker/simWorker';\nexport const c = SimController;", /no-restricted-imports.*the worker/],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /no-restricted-imports.*browser worker/],
    ['export const n = document.body;', /no-restricted-globals.*free of the DOM/],
    ['export const w = window.innerWidth;', /no-restricted-globals.*free of the DOM/],
    ['export function f(): void { requestAnimationFrame(() => {}); }', /no-restricted-globals.*free of the DOM/],
    ["export const w = new Worker('x.js');", /no-restricted-globals.*must not talk to workers/],
    ['export function f(m: unknown): void { postMessage(m); }', /no-restricted-globals.*must not talk to workers/],
    ['export const p = self;', /no-restricted-globals.*must not talk to workers/],
  ])('refuses %s', async (code, expected) => {
    expect((await problems(code)).join('\n')).toMatch(expected);
  });

  it('accepts plain engine code, and the same DOM use outside the engine', async () => {
    expect(await problems('export const twice = (n: number): number => 2 * n;')).toEqual([]);
    expect(await problems('export const n = document.body;', 'src/ui/example.ts')).toEqual([]);
  });
});
