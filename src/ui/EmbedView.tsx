/**
 * The page inside an iframe (`embed=1`): only the controls and the topology (with its timeline),
 * filling the frame; a lesson step beside them (its text, its question, Previous and Next step),
 * and a link to open the full page.
 */
import { Controls } from './Controls';
import { ErrorNotice } from './ErrorNotice';
import { LinkNotice } from './LinkNotice';
import { Timeline } from './Timeline';
import { Topology } from './topology/Topology';
import { resolveLesson } from './lessons/resolveLesson';
import { useLink } from './url/linkState';
import { useLessonRunner } from './lessons/useLessonRunner';
import { useLessonLibrary } from './lessons/lessonLibrary';

/**
 * The full page's address for this embed: the same query without `embed=1`. Absolute on the
 * page's own origin, so a path that begins with `//` cannot make it a link to another host.
 */
export function fullPageLink(origin: string, pathname: string, search: string): string {
  const query = search.replace(/([?&])embed=1(&|$)/, (_m, a: string, b: string) => (b === '&' ? a : '')).replace(/^\?$/, '');
  return `${origin}${pathname}${query}`;
}

export function EmbedView() {
  useLessonRunner();
  const modes = useLink((s) => s.modes);
  const resolved = resolveLesson(modes);
  // Fetched with the lessons' content (resolveLesson is null until it has arrived).
  const embedStep = useLessonLibrary((s) => s.embedStep);
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
        {resolved !== null && 'step' in resolved && embedStep !== null && embedStep(resolved.lesson, resolved.index)}
      </main>
      <footer className="embed-footer">
        {/* The full page shows this in its lesson panel; the frame has no panel, so it says it here. */}
        {resolved !== null && 'problem' in resolved && (
          <span className="embed-caption" role="alert">
            {resolved.problem}
          </span>
        )}
        <a href={fullPageLink(location.origin, location.pathname, location.search)} target="_blank" rel="noreferrer">
          Open in cpumap-scope
        </a>
      </footer>
    </div>
  );
}
