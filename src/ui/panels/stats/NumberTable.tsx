/** A table's row of column headings. */
export function HeaderRow({ header }: { header: readonly string[] }) {
  return (
    <tr>
      {header.map((h) => (
        <th key={h} scope="col">
          {h}
        </th>
      ))}
    </tr>
  );
}

/** A small captioned table of numbers: the first column names the row, the others are right-aligned. */
export function NumberTable({
  caption,
  header,
  rows,
  className,
}: {
  caption: string;
  header: string[];
  rows: string[][];
  className?: string;
}) {
  return (
    <table className={`stats-number-table ${className ?? ''}`}>
      <caption>{caption}</caption>
      <thead>
        <HeaderRow header={header} />
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row[0]}>
            <th scope="row">{row[0]}</th>
            {row.slice(1).map((cell, j) => (
              <td key={j} className="num">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
