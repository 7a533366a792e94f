/** The production tree in package-lock.json is clear of the known high-severity advisories. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compareVersions, findAdvisories, productionPackages } from '../../scripts/advisories';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));

describe('known advisories', () => {
  it('none applies to the production packages of the lockfile', () => {
    expect(productionPackages(lock).map((p) => p.name)).toContain('d3-color');
    expect(findAdvisories(lock)).toEqual([]);
  });

  it('a vulnerable d3-color or a React Server Components package would be found', () => {
    const bad = {
      packages: {
        '': {},
        'node_modules/d3-color': { version: '3.0.1' },
        'node_modules/x/node_modules/d3-color': { version: '1.4.1' },
        'node_modules/react-server-dom-webpack': { version: '19.0.0' },
        'node_modules/vite': { version: '1.0.0', dev: true },
      },
    };
    const found = findAdvisories(bad);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^node_modules\/d3-color@3\.0\.1: GHSA-36jr-mh4h-2g58/);
    expect(found[1]).toMatch(/x\/node_modules\/d3-color@1\.4\.1/);
    expect(found[2]).toMatch(/react-server-dom-webpack/);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('3.1.0', '3.1.0')).toBe(0);
    expect(compareVersions('3.0.10', '3.1.0')).toBe(-1);
    expect(compareVersions('10.0.0', '9.9.9')).toBe(1);
    expect(compareVersions('3.1.0-rc.1', '3.1.0')).toBe(-1);
  });
});
