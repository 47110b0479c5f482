import { Chooser } from './parts';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { getJson, postJson, segment } from './api';
import { json, ms } from './format';
import { useLogs, useOverview } from './live';
import { filtered, LogTable } from './logs';
import type { InvokeResult } from './types';

type Templates = Record<'http' | 'sqs' | 'kinesis', unknown> & { suggested?: 'http' | 'sqs' | 'kinesis' };
const templateNames = { empty: 'Empty object', http: 'HTTP API request', sqs: 'SQS message', kinesis: 'Kinesis record' } as const;

const Result = ({ result }: { result: InvokeResult }) => {
  const lines = useLogs();
  const logs = filtered(lines, { name: '', level: '', text: '', correlationId: '', requestId: result.requestId });
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">Result</h2>
      <p role="status">
        {result.outcome.ok ? 'Succeeded' : `Failed: ${result.outcome.error.errorType}`} in {ms(result.durationMs)} (request id <code>{result.requestId}</code>)
      </p>
      <pre aria-label="Response">{json(result.outcome.ok ? result.outcome.payload : result.outcome.error)}</pre>
      <h3>Its log</h3>
      {logs.length === 0 ? <p>No log line (yet).</p> : <LogTable lines={logs} label="Log lines of this invocation" />}
    </section>
  );
};

export const InvokeView = ({ name }: { name?: string }) => {
  const { route } = useLocation();
  const overview = useOverview();
  const [templates, setTemplates] = useState<Templates>();
  const [event, setEvent] = useState('{}');
  const [result, setResult] = useState<InvokeResult>();
  const [failure, setFailure] = useState<string>();
  const [running, setRunning] = useState(false);
  useEffect(() => {
    setResult(undefined);
    setTemplates(undefined);
    if (!name) return;
    getJson<Templates>(`/api/functions/${segment(name)}/templates`).then((loaded) => {
      setTemplates(loaded);
      setEvent(json(loaded.suggested ? loaded[loaded.suggested] : {}));
    }, (error: Error) => setFailure(error.message));
  }, [name]);
  const useTemplate = (choice: keyof typeof templateNames) => setEvent(json(choice === 'empty' ? {} : templates?.[choice]));
  const invoke = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event);
    } catch {
      setFailure('The event is not valid JSON.');
      return;
    }
    setFailure(undefined);
    setRunning(true);
    try {
      setResult(await postJson<InvokeResult>(`/api/functions/${segment(name!)}/invoke`, { event: parsed }));
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <h1>Invoke</h1>
      <Chooser label="Function" chosen={name} options={(overview?.functions ?? []).map((fn) => fn.name)} onChoose={(option) => route(`/invoke/${segment(option)}`)} />
      {name && (
        <form
          aria-label={`Invoke ${name}`}
          onSubmit={(submit) => {
            submit.preventDefault();
            void invoke();
          }}
        >
          <fieldset>
            <legend>Start from a template</legend>
            {Object.entries(templateNames).map(([key, label]) => (
              <button type="button" class="outline secondary" key={key} disabled={key !== 'empty' && !templates} onClick={() => useTemplate(key as keyof typeof templateNames)}>
                {label}
              </button>
            ))}
          </fieldset>
          <label>
            Event
            <textarea rows={10} spellcheck={false} value={event} onInput={(input) => setEvent((input.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="submit" aria-busy={running} disabled={running}>
            Invoke {name}
          </button>
        </form>
      )}
      {failure && <p role="alert">{failure}</p>}
      {result && <Result result={result} />}
    </>
  );
};
