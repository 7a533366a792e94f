import type { EventObject, MachineContext, MetaObject, StateNode } from 'xstate';
import type { MachineWords } from './machineWords';

/** A state as read from a machine definition. */
export type DescribedState<TMeta> = {
  /** Dot-joined path from the root; for a flat machine, the state name. */
  id: string;
  description: string;
  final: boolean;
  meta: TMeta | undefined;
};

/** A transition as read from a machine definition. */
export type DescribedTransition = {
  from: string;
  /** Target state id; for a targetless transition, the source itself. */
  to: string;
  event: string;
  description: string;
};

/** Everything a diagram needs, read from the machine itself. */
export type MachineDescription<TMeta> = {
  states: DescribedState<TMeta>[];
  transitions: DescribedTransition[];
};

/**
 * Lists the states and transitions of `machine` by walking its definition (`root.states` and
 * each node's `transitions`), so a UI drawn from this cannot drift from the checked machine. The
 * descriptions come from `words` (machineWords.ts) when given.
 * States come in document order, nested states after their parent.
 */
export function describeMachine<TContext extends MachineContext, TEvent extends EventObject, TMeta extends MetaObject>(
  machine: {
    readonly root: StateNode<TContext, TEvent, TMeta>;
  },
  words?: MachineWords,
): MachineDescription<TMeta> {
  const out: MachineDescription<TMeta> = { states: [], transitions: [] };
  const idOf = (node: { path: string[] }): string => node.path.join('.');
  const visit = (node: StateNode<TContext, TEvent, TMeta>): void => {
    const from = idOf(node);
    const said = words?.states[from] ?? node.description ?? '';
    out.states.push({ id: from, description: said, final: node.type === 'final', meta: node.meta });
    for (const [event, defs] of node.transitions) {
      for (const def of defs) {
        const to = def.target?.[0];
        const meant = words?.transitions[`${from}:${event}`] ?? def.description ?? '';
        out.transitions.push({ from, to: to ? idOf(to) : from, event, description: meant });
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  // The root itself is the machine, not a state of the entry.
  for (const child of Object.values(machine.root.states)) visit(child);
  return out;
}
