import { Head } from './parts';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { getJson, segment } from './api';
import { json, keyText, ms, time } from './format';
import { useOverview } from './live';
import type { Trail } from './types';

const outcomeText = { ok: 'ok', error: 'failed', pending: 'pending', 'dead-lettered': 'dead-lettered' } as const;

const TrailSteps = ({ trail }: { trail: Trail }) => {
  const start = trail.steps[0]?.at ?? 0;
  return (
    <table aria-label="Steps, in time order">
      <Head columns={['Time', '+', 'Service', 'Step', 'Duration', 'Outcome', 'Detail']} />
      <tbody>
        {trail.steps.map((step, index) => (
          <tr key={index} class={`outcome-${step.outcome}`}>
            <td class="time">{time(step.at)}</td>
            <td class="numeric">{ms(step.at - start)}</td>
            <td>{step.service}</td>
            <th scope="row">{step.title}</th>
            <td class="numeric">{ms(step.durationMs)}</td>
            <td>{outcomeText[step.outcome]}</td>
            <td class="wrap">{step.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const FinalState = ({ trail }: { trail: Trail }) => (
  <section aria-labelledby="final-state">
    <h2 id="final-state">Final state</h2>
    <p>
      <strong class={`status status-${trail.status.replace(' ', '-')}`}>{trail.status}</strong>
      {trail.errors > 0 && ` — ${trail.errors} failed step${trail.errors === 1 ? '' : 's'}`}
    </p>
    {trail.items.length > 0 && (
      <table aria-label="Items written, as they are now">
        <Head columns={['Table', 'Key', 'Status', 'Item now']} />
        <tbody>
          {trail.items.map((entry) => (
            <tr key={`${entry.tableName} ${keyText(entry.key)}`}>
              <td>{entry.tableName}</td>
              <th scope="row">{keyText(entry.key)}</th>
              <td>{typeof entry.item?.status === 'string' ? <strong>{entry.item.status}</strong> : ''}</td>
              <td>
                {entry.item ? (
                  <details>
                    <summary>{Object.keys(entry.item).length} attributes</summary>
                    <pre>{json(entry.item)}</pre>
                  </details>
                ) : (
                  <em>deleted</em>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

export const TrailView = ({ id }: { id?: string }) => {
  const { route } = useLocation();
  const overview = useOverview();
  const [trail, setTrail] = useState<Trail>();
  const [failure, setFailure] = useState<string>();
  const [wanted, setWanted] = useState(id ?? '');
  // Fetched again whenever the runtime observed something new.
  useEffect(() => {
    if (!id) return;
    getJson<Trail>(`/api/trail/${segment(id)}`).then(setTrail, (error: Error) => setFailure(error.message));
  }, [id, overview?.version]);
  return (
    <>
      <h1>Trail{id && <> of <code>{id}</code></>}</h1>
      <form
        role="search"
        aria-label="Find a trail"
        onSubmit={(event) => {
          event.preventDefault();
          if (wanted) route(`/trail/${segment(wanted.trim())}`);
        }}
      >
        <fieldset role="group">
          <input aria-label="Order id or correlation id" placeholder="Order id or correlation id" value={wanted} onInput={(event) => setWanted((event.target as HTMLInputElement).value)} />
          <button type="submit">Show trail</button>
        </fieldset>
      </form>
      {failure && <p role="alert">{failure}</p>}
      {id && trail?.id === id && (
        <>
          <p>
            Correlation id{trail.correlationIds.length > 1 ? 's' : ''}: {trail.correlationIds.map((cid) => <code key={cid}>{cid}</code>)}
          </p>
          <FinalState trail={trail} />
          <section aria-labelledby="steps">
            <h2 id="steps">Steps</h2>
            {trail.steps.length === 0 ? <p>Nothing observed for this id (yet).</p> : <TrailSteps trail={trail} />}
          </section>
        </>
      )}
    </>
  );
};
