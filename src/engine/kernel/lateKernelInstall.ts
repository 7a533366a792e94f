/** Importing this makes the later versions' kernel code available to the engine (lateKernel.ts). */
import { installLateKernel } from './lateKernel';
import { batchGro } from './kthreadGro';

installLateKernel({ batchGro });
