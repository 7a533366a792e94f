/**
 * What the worker needs only once someone asks: the inspector's readings of a selected element and
 * the caption of a Step. The browser's worker fetches them on first use (the first frame does not
 * wait for them); tests hand them over at once.
 */
import { inspect } from './inspect';
import { probeStep, stepCaption } from './stepCaption';

export interface WorkerTools {
  inspect: typeof inspect;
  probeStep: typeof probeStep;
  stepCaption: typeof stepCaption;
}

export const WORKER_TOOLS: WorkerTools = { inspect, probeStep, stepCaption };
