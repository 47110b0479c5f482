import { Chooser } from './parts';
import { Head } from './parts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { getJson, postJson, segment } from './api';
import { json, time } from './format';
import { useOverview } from './live';
import { Queues } from './overview';
import type { QueueDetails } from './types';

/** A message attribute's value, whatever its data type. */
const attributeText = (value: unknown) => {
  const attribute = value as { StringValue?: string; BinaryValue?: string } | undefined;
  return attribute?.StringValue ?? attribute?.BinaryValue ?? json(value);
};

const Messages = ({ details }: { details: QueueDetails }) =>
  details.messages.length === 0 ? (
    <p>No messages on {details.name}.</p>
  ) : (
    <table aria-label={`Messages on ${details.name}`}>
      <Head columns={['Message id', 'State', 'Sent', 'Received', 'Body', 'Attributes']} />
      <tbody>
        {details.messages.map((message) => (
          <tr key={message.messageId}>
            <th scope="row">
              <code>{message.messageId}</code>
            </th>
            <td>{message.state}{message.visibleAt ? ` until ${time(message.visibleAt)}` : ''}</td>
            <td class="time">{time(message.sentAt)}</td>
            <td class="numeric">{message.receiveCount}</td>
            <td>
              <pre>{message.body}</pre>
            </td>
            <td>
              {Object.entries(message.attributes).map(([name, value]) => (
                <div key={name}>
                  {name}: <code>{attributeText(value)}</code>
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

const PurgeDialog = ({ name, onDone }: { name: string; onDone: (message: string) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const close = () => {
    setTyped('');
    dialog.current?.close();
  };
  return (
    <>
      <button type="button" class="secondary" onClick={() => dialog.current?.showModal()}>
        Purge…
      </button>
      <dialog ref={dialog} aria-labelledby="purge-title" onClose={() => setTyped('')}>
        <article>
          <h2 id="purge-title">Purge {name}?</h2>
          <p>Every message on the queue is deleted, and cannot be had back.</p>
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              postJson(`/api/queues/${segment(name)}/purge`, { confirm: typed }).then(
                () => onDone(`Purged ${name}.`),
                (error: Error) => onDone(error.message),
              );
              close();
            }}
          >
            <label>
              Type the queue's name to confirm
              <input value={typed} onInput={(event) => setTyped((event.target as HTMLInputElement).value)} autocomplete="off" />
            </label>
            <footer>
              <button type="button" class="secondary" onClick={close}>
                Cancel
              </button>
              <button type="submit" disabled={typed !== name}>
                Purge {name}
              </button>
            </footer>
          </form>
        </article>
      </dialog>
    </>
  );
};

export const QueuesView = ({ name }: { name?: string }) => {
  const { route } = useLocation();
  const overview = useOverview();
  const [details, setDetails] = useState<QueueDetails>();
  const [notice, setNotice] = useState<string>();
  const queues = overview && !('error' in overview.queues) ? overview.queues : [];
  const selected = queues.find((queue) => queue.name === name);
  useEffect(() => {
    if (!name) return;
    getJson<QueueDetails>(`/api/queues/${segment(name)}`).then(setDetails, (error: Error) => setNotice(error.message));
  }, [name, overview?.at]);
  const redrive = () =>
    postJson<{ taskHandle: string }>(`/api/queues/${segment(name!)}/redrive`).then(
      () => setNotice(`Moving the messages of ${name} back to ${selected?.sources.join(', ')}.`),
      (error: Error) => setNotice(error.message),
    );
  return (
    <>
      <h1>Queues</h1>
      <Chooser label="Queue" chosen={name} options={queues.map((queue) => queue.name)} onChoose={(option) => route(`/queues/${segment(option)}`)} />
      {notice && <p role="status">{notice}</p>}
      {name && details?.name === name ? (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{name}</h2>
          <div class="actions">
            {selected && selected.sources.length > 0 && (
              <button type="button" onClick={redrive} disabled={details.messages.length === 0}>
                Redrive to {selected.sources.join(', ')}
              </button>
            )}
            <PurgeDialog name={name} onDone={setNotice} />
          </div>
          {details.moveTasks[0] && (
            <p>
              Last redrive: {details.moveTasks[0].Status}, {details.moveTasks[0].ApproximateNumberOfMessagesMoved} of {details.moveTasks[0].ApproximateNumberOfMessagesToMove} moved
              {details.moveTasks[0].FailureReason && ` (${details.moveTasks[0].FailureReason})`}
            </p>
          )}
          <Messages details={details} />
        </section>
      ) : (
        !name && overview && <Queues queues={overview.queues} />
      )}
    </>
  );
};
