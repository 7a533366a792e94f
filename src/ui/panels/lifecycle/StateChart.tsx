/**
 * The entry statechart as SVG, drawn from a {@link ChartLayout} (itself read from the machine).
 * States holding a shown entry are filled and carry the entries' short labels.
 */
import { useId } from 'react';
import type { ChartLayout, StateBox } from './layout';

/** Props of {@link StateChart}. */
export interface StateChartProps {
  layout: ChartLayout;
  /** Short labels ("#3 cpu 4") of the entries in each state; states absent here are not highlighted. */
  marks: ReadonlyMap<string, readonly string[]>;
}

/** Most entry labels written in one box; more are summarised as a count. */
const MAX_LABELS = 2;

function markText(labels: readonly string[]): string {
  return labels.length <= MAX_LABELS ? labels.join(', ') : `${labels.length} entries`;
}

function Box({ box, labels }: { box: StateBox; labels: readonly string[] | undefined }) {
  const on = labels !== undefined && labels.length > 0;
  const cx = box.x + box.w / 2;
  return (
    <g>
      <title>{`${box.id}${box.final ? ' (final)' : ''}: ${box.description}`}</title>
      <rect
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={6}
        style={{ fill: on ? 'var(--accent)' : 'var(--panel-2)', stroke: 'var(--fg)', strokeWidth: on ? 2 : 1 }}
      />
      {/* A final state gets a second, inner border, as in UML. */}
      {box.final && (
        <rect
          x={box.x + 3}
          y={box.y + 3}
          width={box.w - 6}
          height={box.h - 6}
          rx={4}
          style={{ fill: 'none', stroke: on ? 'var(--accent-fg)' : 'var(--fg)' }}
        />
      )}
      <text
        x={cx}
        y={box.y + (on ? 15 : 21)}
        textAnchor="middle"
        style={{ fill: on ? 'var(--accent-fg)' : 'var(--fg)', fontSize: 13, fontWeight: 600 }}
      >
        {box.id}
      </text>
      {on && (
        <text x={cx} y={box.y + 28} textAnchor="middle" style={{ fill: 'var(--accent-fg)', fontSize: 10 }}>
          {markText(labels)}
        </text>
      )}
    </g>
  );
}

/** The statechart picture; its accessible name lists which entry is in which state. */
export function StateChart({ layout, marks }: StateChartProps) {
  const arrowId = useId();
  const where = [...marks].map(([state, labels]) => `${labels.join(', ')} in ${state}`).join('; ');
  const finals = layout.boxes.filter((b) => b.final).map((b) => b.id);
  const label = `Entry lifecycle statechart: ${layout.boxes.length} states (final: ${finals.join(', ')}), ${layout.arrows.length} transitions.${where === '' ? '' : ` ${where}.`}`;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ maxWidth: layout.width, display: 'block', fontFamily: 'var(--mono, monospace)' }}
    >
      <defs>
        <marker id={arrowId} viewBox="0 0 10 10" refX={10} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" style={{ fill: 'var(--muted)' }} />
        </marker>
      </defs>
      {layout.arrows.map((a) => (
        <g key={`${a.from}:${a.event}:${a.to}`}>
          <title>{`${a.event}: ${a.description}`}</title>
          <polyline
            points={a.points.map(([x, y]) => `${x},${y}`).join(' ')}
            markerEnd={`url(#${arrowId})`}
            style={{ fill: 'none', stroke: 'var(--muted)', strokeWidth: 1.5 }}
          />
          <text x={a.label.x} y={a.label.y} textAnchor={a.label.anchor} style={{ fill: 'var(--fg)', fontSize: 10 }}>
            {a.event}
          </text>
        </g>
      ))}
      {layout.boxes.map((b) => (
        <Box key={b.id} box={b} labels={marks.get(b.id)} />
      ))}
    </svg>
  );
}
