/**
 * Fits the first screen: the page's main area (topology and side pane) gets the height the window
 * leaves under the header, notices and controls and above the status bar, so the status bar never
 * covers the timeline, the inspector or the side pane's last button. The heights above are
 * measured, not guessed: the header and the controls wrap on a narrow window or with the
 * projector's large type, and notices come and go. The CSS reads `--chrome-height`.
 */
import { useEffect } from 'react';

/** Keeps `--chrome-height` on `.app` up to date while mounted. */
export function useFirstScreen(): void {
  useEffect(() => {
    const app = document.querySelector<HTMLElement>('.app');
    if (app === null) return undefined;
    const fit = (): void => {
      const main = app.querySelector<HTMLElement>('.app-main');
      const status = app.querySelector<HTMLElement>('.status-line');
      if (main === null) return;
      const above = main.getBoundingClientRect().top - app.getBoundingClientRect().top;
      const chrome = `${Math.ceil(above + (status?.offsetHeight ?? 0))}px`;
      if (app.style.getPropertyValue('--chrome-height') !== chrome) app.style.setProperty('--chrome-height', chrome);
    };
    fit();
    // The app's size changes when anything above the main area wraps, appears or goes.
    const ro = new ResizeObserver(fit);
    ro.observe(app);
    for (const el of app.querySelectorAll<HTMLElement>('.app-header, .controls, .status-line')) ro.observe(el);
    return () => ro.disconnect();
  }, []);
}
