import { Head } from './parts';
import type { ComponentChildren } from 'preact';
import { segment } from './api';
import { ms, time } from './format';
import { useOverview } from './live';
import type { Overview } from './types';

/** A titled table: its heading names it for assistive technology (`getByRole('table', { name })`). */
export const Section = ({ id, title, children, empty }: { id: string; title: string; children: ComponentChildren; empty?: ComponentChildren }) => (
  <section aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {empty ?? children}
  </section>
);

const Numeric = ({ value, alert }: { value: number | string | undefined; alert?: boolean }) => (
  <td class={alert ? 'numeric alert' : 'numeric'}>{value ?? '–'}</td>
);

const Functions = ({ functions }: { functions: Overview['functions'] }) => (
  <table aria-labelledby="functions">
    <Head columns={['Function', 'Invocations', 'Errors', 'p50', 'p99', 'Cold starts', 'Last error']} />
    <tbody>
      {functions.map((fn) => (
        <tr key={fn.name}>
          <th scope="row">
            <a href={`/invoke/${segment(fn.name)}`} title={`Invoke ${fn.name}`}>
              {fn.name}
            </a>
          </th>
          <Numeric value={fn.invocations} />
          <Numeric value={fn.errors} alert={fn.errors > 0} />
          <Numeric value={ms(fn.p50)} />
          <Numeric value={ms(fn.p99)} />
          <Numeric value={fn.coldStarts} />
          <td>{fn.lastError ? `${time(fn.lastError.at)} ${fn.lastError.message}` : ''}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const Routes = ({ routes }: { routes: Overview['routes'] }) => (
  <table aria-labelledby="routes">
    <Head columns={['Route', 'API', 'Function', 'Requests', '4xx', '5xx', 'p50', 'p99']} />
    <tbody>
      {routes.map((route) => (
        <tr key={`${route.api} ${route.routeKey}`}>
          <th scope="row">{route.routeKey}</th>
          <td>{route.api}</td>
          <td>{route.function}</td>
          <Numeric value={route.requests} />
          <Numeric value={route.clientErrors} />
          <Numeric value={route.serverErrors} alert={route.serverErrors > 0} />
          <Numeric value={ms(route.p50)} />
          <Numeric value={ms(route.p99)} />
        </tr>
      ))}
    </tbody>
  </table>
);

export const Queues = ({ queues }: { queues: Overview['queues'] }) =>
  'error' in queues ? (
    <p role="alert">{queues.error}</p>
  ) : (
    <table aria-labelledby="queues">
      <Head columns={['Queue', 'Visible', 'In flight', 'Delayed', 'Dead-letter queue']} />
      <tbody>
        {queues.map((queue) => {
          const deadLetters = queue.sources.length > 0;
          const alert = deadLetters && queue.visible + queue.inFlight + queue.delayed > 0;
          return (
            <tr key={queue.name} class={alert ? 'dead-letters' : undefined}>
              <th scope="row">
                <a href={`/queues/${segment(queue.name)}`}>{queue.name}</a>
                {deadLetters && <small> (dead-letter queue of {queue.sources.join(', ')})</small>}
              </th>
              <Numeric value={queue.visible} alert={alert} />
              <Numeric value={queue.inFlight} />
              <Numeric value={queue.delayed} />
              <td>{queue.deadLetterQueue ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

const Streams = ({ streams }: { streams: Overview['streams'] }) => (
  <table aria-labelledby="streams">
    <Head columns={['Stream', 'Shards', 'Read by', 'Records behind', 'Oldest unread']} />
    <tbody>
      {streams.map((stream) => (
        <tr key={`${stream.name} ${stream.consumer}`}>
          <th scope="row">{stream.name}</th>
          <Numeric value={stream.shards} />
          <td>{stream.consumer}</td>
          <Numeric value={stream.error ? 'unknown' : stream.recordsBehind === undefined ? '–' : `${stream.recordsBehind}${stream.more ? '+' : ''}`} alert={(stream.recordsBehind ?? 0) > 0} />
          <Numeric value={stream.error ? stream.error : ms(stream.oldestUnreadAgeMs)} />
        </tr>
      ))}
    </tbody>
  </table>
);

const Tables = ({ tables }: { tables: Overview['tables'] }) => (
  <table aria-labelledby="tables">
    <Head columns={['Table', 'Key', 'Items']} />
    <tbody>
      {tables.map((table) => (
        <tr key={table.name}>
          <th scope="row">
            <a href={`/tables/${segment(table.name)}`}>{table.name}</a>
          </th>
          <td>{table.keys?.join(', ')}</td>
          <Numeric value={table.error ?? table.items} />
        </tr>
      ))}
    </tbody>
  </table>
);

const Schedules = ({ schedules }: { schedules: Overview['schedules'] }) => (
  <table aria-labelledby="schedules">
    <Head columns={['Schedule', 'Expression', 'Next run']} />
    <tbody>
      {schedules.map((schedule) => (
        <tr key={schedule.name}>
          <th scope="row">{schedule.name}</th>
          <td>{schedule.expression}</td>
          <td>{!schedule.enabled ? 'disabled' : schedule.nextRun ? new Date(schedule.nextRun).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '–'}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const none = (items: unknown[] | { error: string }, what: string) => (Array.isArray(items) && items.length === 0 ? <p>No {what}.</p> : undefined);

export const OverviewView = () => {
  const current = useOverview();
  if (!current) return <p aria-busy="true">Loading the overview…</p>;
  return (
    <>
      <Section id="stacks" title="Stacks">
        <p>
          {current.stacks.map((stack) => (
            <span class="stack" key={stack.name}>
              <strong>{stack.name}</strong> {stack.functions} functions, {stack.tables} tables, {stack.queues} queues, {stack.streams} streams
            </span>
          ))}
        </p>
      </Section>
      <Section id="functions" title="Functions" empty={none(current.functions, 'functions')}>
        <Functions functions={current.functions} />
      </Section>
      <Section id="routes" title="Routes" empty={none(current.routes, 'routes')}>
        <Routes routes={current.routes} />
      </Section>
      <Section id="queues" title="Queues" empty={none(current.queues, 'queues')}>
        <Queues queues={current.queues} />
      </Section>
      <Section id="streams" title="Streams" empty={none(current.streams, 'streams')}>
        <Streams streams={current.streams} />
      </Section>
      <Section id="tables" title="Tables" empty={none(current.tables, 'tables')}>
        <Tables tables={current.tables} />
      </Section>
      <Section id="schedules" title="Schedules" empty={none(current.schedules, 'schedules')}>
        <Schedules schedules={current.schedules} />
      </Section>
    </>
  );
};
