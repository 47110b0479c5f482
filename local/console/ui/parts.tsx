/** A table's column headings. */
export const Head = ({ columns }: { columns: readonly string[] }) => (
  <thead>
    <tr>
      {columns.map((column) => (
        <th scope="col" key={column}>
          {column}
        </th>
      ))}
    </tr>
  </thead>
);

/** A labelled choice of one item (a queue, a table, a function) that opens its page. */
export const Chooser = ({ label, chosen, options, onChoose }: { label: string; chosen?: string; options: readonly string[]; onChoose: (option: string) => void }) => (
  <label>
    {label}
    <select value={chosen ?? ''} onChange={(event) => onChoose((event.target as HTMLSelectElement).value)}>
      <option value="" disabled>
        Choose a {label.toLowerCase()}
      </option>
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  </label>
);
