/**
 * The lessons as the README's Markdown list: each lesson with its summary and a link to every step
 * in the explorer served by `npm start`.
 */
import { LOCAL_URL } from '../scenario/presetTable';
import { LESSONS } from './index';

export function lessonTable(): string {
  const rows = LESSONS.map((l) => {
    const steps = l.steps.map((s, i) => `[${i + 1}. ${s.title}](${LOCAL_URL}?lesson=${l.id}&step=${i + 1})`).join(' · ');
    return `| ${l.title} (\`${l.id}\`) | ${l.summary} | ${steps} |`;
  });
  return ['| lesson | what it shows | steps |', '|---|---|---|', ...rows].join('\n');
}
