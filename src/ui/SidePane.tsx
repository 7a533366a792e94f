/**
 * The pane beside the topology. On a normal screen it holds the welcome, the lesson, the scenario
 * form and the event list, and
 * the inspector and kernel code sit where the page puts them. In presentation mode the room goes
 * to the topology and this one pane: tabs switch between the lesson (or the scenario), the
 * inspector and the kernel code, so none of them is a page scroll away. The panels stay mounted
 * while hidden, so an answer typed into a question survives a look at the inspector.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useLink } from './url/linkState';
import { LessonPanel } from './lessons/deferredLessonPanel';
import { ScenarioForm } from './deferredParts';
import { Inspector } from './topology/deferredInspector';
import { KernelCodePanel } from './panels/deferredPanels';
import { Welcome } from './orient/deferredOrient';
import { useNarrowWindow } from './useNarrowWindow';
import { EventList } from './orient/deferredEventList';

type Tab = 'main' | 'inspector' | 'code';
const TABS: Tab[] = ['main', 'inspector', 'code'];

/** The side pane: plain in the explorer, tabbed in presentation mode. */
export function SidePane() {
  const present = useLink((s) => s.modes.present);
  // A narrow window shows the welcome above the controls instead (App).
  const narrow = useNarrowWindow();
  if (!present) {
    return (
      <aside className="side">
        {!narrow && <Welcome />}
        <LessonPanel />
        <ScenarioForm />
        <EventList />
      </aside>
    );
  }
  return <TabbedSide />;
}

function TabbedSide() {
  const lesson = useLink((s) => s.modes.lesson !== null);
  const [tab, setTab] = useState<Tab>('main');
  const id = useId();
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ main: null, inspector: null, code: null });
  const names: Record<Tab, string> = { main: lesson ? 'Lesson' : 'Scenario', inspector: 'Inspector', code: 'Kernel code' };

  // The arrows move between tabs (and are not lesson steps here), Home and End to the ends.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? TABS[(at + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(at + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : null;
    if (to === null) return;
    e.preventDefault();
    setTab(to);
    refs.current[to]?.focus();
  };

  return (
    <aside className="side side-tabbed">
      <div role="tablist" aria-label="Side pane" className="side-tablist" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${t}-tab`}
            aria-selected={tab === t}
            aria-controls={`${id}-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
          >
            {names[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-main`} aria-labelledby={`${id}-main-tab`} className="side-tabpanel" hidden={tab !== 'main'}>
        <Welcome />
        <LessonPanel />
        <ScenarioForm />
      </div>
      <div
        role="tabpanel"
        id={`${id}-inspector`}
        aria-labelledby={`${id}-inspector-tab`}
        className="side-tabpanel"
        hidden={tab !== 'inspector'}
      >
        <Inspector />
      </div>
      <div role="tabpanel" id={`${id}-code`} aria-labelledby={`${id}-code-tab`} className="side-tabpanel" hidden={tab !== 'code'}>
        <KernelCodePanel />
      </div>
    </aside>
  );
}
