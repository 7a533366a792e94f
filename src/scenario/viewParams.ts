/**
 * URL parameters of the page's view, not of the scenario: the scenario parser is told to ignore
 * them (they are not reported as unknown). The worker and the page share this list; it lives here,
 * free of the engine, so the page's bundle does not pull the engine in for it.
 */
export const VIEW_PARAMS = ['speed', 'paused', 't', 'sel', 'v', 'theme', 'lesson', 'step', 'embed', 'present', 'compare', 'sweep'] as const;
