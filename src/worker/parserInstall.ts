/** Importing this lets the worker parse a load's query itself (Node: tests and tools). */
import { parseScenario } from '../scenario/parse';
import { VIEW_PARAMS } from '../scenario/viewParams';
import { installParser } from './scenarioOfLoad';

installParser((query) => parseScenario(query, { extraParams: VIEW_PARAMS }));
