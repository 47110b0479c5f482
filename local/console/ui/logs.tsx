import { Head } from './parts';
import { useState } from 'preact/hooks';
import { time } from './format';
import { useLogs } from './live';
import type { LogLine } from './types';

const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'];
const shownLines = 500;

export interface LogFilter {
  name: string;
  level: string;
  text: string;
  correlationId: string;
  requestId?: string;
}

const matches = (line: LogLine, filter: LogFilter) =>
  (!filter.name || line.name === filter.name) &&
  (!filter.level || (line.level !== undefined && levels.indexOf(line.level) >= levels.indexOf(filter.level))) &&
  (!filter.text || `${line.message} ${line.fields ?? ''}`.toLowerCase().includes(filter.text.toLowerCase())) &&
  (!filter.correlationId || line.correlationId === filter.correlationId) &&
  (!filter.requestId || line.requestId === filter.requestId);

/** Log lines, newest first, as a table whose rows a test (or a screen reader) can read. */
export const LogTable = ({ lines, label }: { lines: LogLine[]; label: string }) => (
  <table aria-label={label} class="logs">
    <Head columns={['Time', 'Source', 'Level', 'Message', 'Correlation id']} />
    <tbody>
      {lines.map((line) => (
        <tr key={line.seq} class={line.level === 'ERROR' || line.level === 'FATAL' || line.level === 'CRITICAL' ? 'error' : undefined}>
          <td class="time">{time(line.at)}</td>
          <td>{line.name}</td>
          <td>{line.level ?? ''}</td>
          <td>
            {line.message}
            {line.fields && <small> {line.fields}</small>}
          </td>
          <td>{line.correlationId ? <a href={`/trail/${encodeURIComponent(line.correlationId)}`}>{line.correlationId}</a> : ''}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Only the lines that pass the filter, newest first. */
export const filtered = (lines: LogLine[], filter: LogFilter) => lines.filter((line) => matches(line, filter)).slice(-shownLines).reverse();

export const LogsView = () => {
  const lines = useLogs();
  const [filter, setFilter] = useState<LogFilter>({ name: '', level: '', text: '', correlationId: '' });
  const set = (key: keyof LogFilter) => (event: Event) => setFilter({ ...filter, [key]: (event.target as HTMLInputElement).value });
  const names = [...new Set(lines.map((line) => line.name))].sort();
  return (
    <>
      <h1>Logs</h1>
      <form class="filters" role="search" aria-label="Filter the log" onSubmit={(event) => event.preventDefault()}>
        <label>
          Source
          <select value={filter.name} onChange={set('name')}>
            <option value="">All</option>
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Level at least
          <select value={filter.level} onChange={set('level')}>
            <option value="">Any</option>
            {levels.map((level) => (
              <option key={level}>{level}</option>
            ))}
          </select>
        </label>
        <label>
          Text
          <input type="search" value={filter.text} onInput={set('text')} />
        </label>
        <label>
          Correlation id
          <input type="search" value={filter.correlationId} onInput={set('correlationId')} />
        </label>
      </form>
      <LogTable lines={filtered(lines, filter)} label="Log lines, newest first" />
    </>
  );
};
