/**
 * Components whose code is fetched after the first frame (afterFirstFrame.ts): until it has
 * arrived, a placeholder stands in their place.
 */
import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { afterFirstFrame } from './afterFirstFrame';

/** Whether the first frame is on screen (false on the first render). */
function useAfterFirstFrame(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void afterFirstFrame().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

/**
 * `load`'s component, fetched once the first frame is drawn; `placeholder` until then and while
 * it loads. The placeholder should hold the component's landmark and heading, so what a screen
 * reader (or a test) finds by role and name is there from the start.
 */
export function deferred<P extends object>(load: () => Promise<ComponentType<P>>, placeholder: ReactNode): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  return function Deferred(props: P) {
    const ready = useAfterFirstFrame();
    if (!ready) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

/** A panel's region and heading, while its code loads. */
export function PanelPlaceholder({ name }: { name: string }) {
  return (
    <section aria-label={name} className="panel" aria-busy="true">
      <h2>{name}</h2>
      <p>Loading…</p>
    </section>
  );
}
