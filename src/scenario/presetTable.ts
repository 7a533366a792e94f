/**
 * The presets as the README's Markdown table: title, why it matters, and the link that opens it
 * in the explorer served by `npm start`.
 */
import { PRESETS } from './presets';

/** Where `npm start` serves the explorer. */
export const LOCAL_URL = 'http://localhost:4173/';

export function presetTable(): string {
  const rows = PRESETS.map((p) => `| ${p.title} | ${p.why} | [open](${LOCAL_URL}?${p.query}) \`${p.query}\` |`);
  return ['| preset | why it matters | link and query |', '|---|---|---|', ...rows].join('\n');
}
