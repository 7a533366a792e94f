/**
 * `npm run audit`: `npm audit --omit=dev` for high-severity advisories; when the registry refuses
 * the advisory query, says so and checks the lockfile against the offline list instead.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findAdvisories, KNOWN_ADVISORIES, productionPackages, type Lockfile } from './advisories';

const audit = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' });
interface AuditJson {
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: { summary?: string };
}
function readReport(text: string): AuditJson | null {
  try {
    return JSON.parse(text) as AuditJson;
  } catch {
    return null;
  }
}
const report = readReport(audit.stdout);
const counts = report?.metadata?.vulnerabilities;
if (counts !== undefined) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit --omit=dev: ${serious} high or critical, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
  process.exit(serious === 0 ? 0 : 1);
}
const why = (
  report?.message ??
  report?.error?.summary ??
  audit.stderr.split('\n').find((l) => /audit|error/i.test(l)) ??
  'no answer'
).trim();
console.log(`npm audit --omit=dev could not ask the registry: ${why}`);
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
const findings = findAdvisories(lock);
console.log(
  `Offline check of ${productionPackages(lock).length} production packages against ${KNOWN_ADVISORIES.length} known advisories: ` +
    (findings.length === 0 ? 'none applies' : `${findings.length} found`),
);
for (const f of findings) console.log(`  ${f}`);
process.exit(findings.length === 0 ? 0 : 1);
