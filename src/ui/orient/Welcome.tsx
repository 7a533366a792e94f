/**
 * The first visit's welcome: a non-modal card beside the topology naming the three parts of the
 * picture, with the first lesson, three presets and "Explore on my own". It shows once (the
 * dismissal is remembered), never over a lesson link, and only as a one-line hint on a shared
 * link with a scenario; the View menu's "Welcome tour" opens it again.
 */
import { useEffect } from 'react';
import { PRESETS } from '../../scenario/presets';
import { VIEW_PARAMS } from '../../scenario/viewParams';
import { useUi } from '../store';
import { showInAddressBar } from '../scenarioQuery';
import { useLink } from '../url/linkState';
import { dismissWelcome, openWelcome, useOrient, welcomeSeen } from './orientStore';
import './orient.css';

/** The presets offered: an easy run, an overload, and a CPU doing both jobs. */
const OFFERED = ['line-rate-4', 'overload', 'shared-cpu'];

/** Whether the address names scenario parameters (a shared run), not just view ones. */
function linkHasScenario(search: string): boolean {
  const view = new Set<string>(VIEW_PARAMS);
  return [...new URLSearchParams(search).keys()].some((k) => !view.has(k));
}

/** Decides once, at page load, whether the welcome (or its hint) shows. */
function useFirstVisit(): void {
  useEffect(() => {
    if (welcomeSeen() || new URLSearchParams(location.search).has('lesson')) return;
    if (linkHasScenario(location.search)) useOrient.setState({ hintOpen: true });
    else useOrient.setState({ welcomeOpen: true });
  }, []);
}

export function Welcome() {
  useFirstVisit();
  const open = useOrient((s) => s.welcomeOpen);
  const hint = useOrient((s) => s.hintOpen);
  // A lesson has its own guide: starting one puts the welcome away (the View menu brings it back).
  const inLesson = useLink((s) => s.modes.lesson !== null);
  useEffect(() => {
    if (inLesson) useOrient.setState({ welcomeOpen: false, hintOpen: false });
  }, [inLesson]);
  if (hint && !open)
    return (
      <p className="welcome-hint">
        New here?{' '}
        <button type="button" onClick={openWelcome}>
          Welcome tour
        </button>{' '}
        <button type="button" onClick={dismissWelcome}>
          Hide tip
        </button>
      </p>
    );
  if (!open) return null;
  const startLesson = () => {
    dismissWelcome();
    useLink.getState().setModes({ lesson: 'one-frame', step: 1 });
  };
  const loadPreset = (query: string) => {
    dismissWelcome();
    useUi.getState().loadScenario(query);
    showInAddressBar(query);
  };
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome</h2>
      <p>
        Frames flow from left to right. The <strong>RX CPUs</strong> receive them in their NIC RX queues, where a NAPI poll runs the XDP
        program; it redirects each frame into a <strong>bulk queue</strong> of 8, flushed into the cpumap entry's <strong>ptr_ring</strong>.
        On the <strong>target CPUs</strong>, each entry's kthread takes the frames from its ring, builds SKBs and hands them to the network
        stack.
      </p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={startLesson}>
          Lesson: The path of one frame
        </button>
        <div role="group" aria-label="Try a preset">
          {PRESETS.filter((p) => OFFERED.includes(p.id)).map((p) => (
            <button key={p.id} type="button" title={p.why} onClick={() => loadPreset(p.query)}>
              {p.title}
            </button>
          ))}
        </div>
        <button type="button" onClick={dismissWelcome}>
          Explore on my own
        </button>
      </div>
    </section>
  );
}
