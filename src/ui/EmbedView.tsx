/**
 * The page inside an iframe (`embed=1`): only the controls and the topology (with its timeline),
 * filling the frame; a lesson step's title as a caption, and a link to open the full page.
 */
import { Controls } from './Controls';
import { ErrorNotice } from './ErrorNotice';
import { LinkNotice } from './LinkNotice';
import { Timeline } from './Timeline';
import { Topology } from './topology/Topology';
import { resolveLesson } from './lessons/lessonState';
import { useLink } from './url/linkState';
import { useLessonRunner } from './lessons/useLessonRunner';

export function EmbedView() {
  useLessonRunner();
  const modes = useLink((s) => s.modes);
  const resolved = resolveLesson(modes);
  const full = location.search.replace(/([?&])embed=1(&|$)/, (_m, a: string, b: string) => (b === '&' ? a : '')).replace(/^\?$/, '');
  return (
    <div className="app embed">
      <LinkNotice />
      <ErrorNotice />
      <Controls />
      <main className="embed-main">
        <div className="topology-area">
          <Topology />
          <Timeline />
        </div>
      </main>
      <footer className="embed-footer">
        {resolved !== null && 'step' in resolved && (
          <span className="embed-caption">
            {resolved.lesson.title}, step {resolved.index + 1}: {resolved.step.title}
          </span>
        )}
        <a href={`${location.pathname}${full}`} target="_blank" rel="noreferrer">
          Open in cpumap-scope
        </a>
      </footer>
    </div>
  );
}
