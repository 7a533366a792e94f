/**
 * The production dependency tree against the high-severity advisories known to touch its
 * packages. `npm audit` asks the registry; where the registry refuses that query (the mirror on
 * the development machine answers 405), this offline list is what `npm run audit` can check.
 * Add an advisory here when one is published for a package in the production tree.
 */

export interface Advisory {
  id: string;
  name: string;
  /** First version without the problem. */
  fixedIn: string;
  summary: string;
}

/** A package-lock.json (lockfileVersion 2 or 3), as far as these checks read it. */
export interface Lockfile {
  packages?: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
}

export interface InstalledPackage {
  name: string;
  version: string;
  path: string;
}

/** Advisories of high or critical severity for packages in (or once in) the production tree. */
export const KNOWN_ADVISORIES: readonly Advisory[] = [
  {
    id: 'GHSA-36jr-mh4h-2g58',
    name: 'd3-color',
    fixedIn: '3.1.0',
    summary: 'ReDoS in colour string parsing (rgb(), hsl())',
  },
];

/** Packages whose mere presence in the production tree is a finding (never needed by this app). */
export const FORBIDDEN_PACKAGES: readonly { prefix: string; reason: string }[] = [
  // React Server Components, CVE-2025-55182: the app renders on the client only.
  { prefix: 'react-server-dom-', reason: 'React Server Components (CVE-2025-55182); the app has no server rendering' },
];

/** -1, 0 or 1, for plain x.y.z versions (pre-release tags count as lower). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2);
    return { nums: core.split('.').map((n) => Number(n)), pre: pre !== undefined };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return x.pre === y.pre ? 0 : x.pre ? -1 : 1;
}

/** Production packages of a package-lock.json (v2/v3): name and version of each installed copy. */
export function productionPackages(lock: Lockfile): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const [path, info] of Object.entries(lock.packages ?? {})) {
    if (path === '' || info.dev || info.devOptional) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    out.push({ name, version: info.version ?? '0.0.0', path });
  }
  return out;
}

/** Findings for a lockfile: one line per affected copy, empty when clean. */
export function findAdvisories(lock: Lockfile): string[] {
  const findings: string[] = [];
  for (const pkg of productionPackages(lock)) {
    for (const a of KNOWN_ADVISORIES) {
      if (pkg.name === a.name && compareVersions(pkg.version, a.fixedIn) < 0) {
        findings.push(`${pkg.path}@${pkg.version}: ${a.id} (${a.summary}); fixed in ${a.fixedIn}`);
      }
    }
    for (const f of FORBIDDEN_PACKAGES) {
      if (pkg.name.startsWith(f.prefix)) findings.push(`${pkg.path}@${pkg.version}: ${f.reason}`);
    }
  }
  return findings;
}
