import { render } from 'preact';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import './styles.css';
import { InvokeView } from './invoke';
import { useFailure } from './live';
import { LogsView } from './logs';
import { OverviewView } from './overview';
import { QueuesView } from './queues';
import { TablesView } from './tables';
import { TrailView } from './trail';

const sections = [
  { href: '/', label: 'Overview' },
  { href: '/logs', label: 'Logs' },
  { href: '/trail', label: 'Trail' },
  { href: '/queues', label: 'Queues' },
  { href: '/tables', label: 'Tables' },
  { href: '/invoke', label: 'Invoke' },
];

const Navigation = () => {
  const { path } = useLocation();
  const current = (href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));
  return (
    <nav aria-label="Console">
      <ul>
        <li>
          <strong>Local console</strong>
        </li>
      </ul>
      <ul>
        {sections.map(({ href, label }) => (
          <li key={href}>
            <a href={href} aria-current={current(href) ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

const Failure = () => {
  const failure = useFailure();
  return failure ? <p role="alert" class="failure">{failure}</p> : null;
};

const App = () => (
  <LocationProvider>
    <header class="container-fluid">
      <Navigation />
    </header>
    <main class="container-fluid">
      <Failure />
      <Router>
        <Route path="/" component={OverviewView} />
        <Route path="/logs" component={LogsView} />
        <Route path="/trail" component={TrailView} />
        <Route path="/trail/:id" component={TrailView} />
        <Route path="/queues" component={QueuesView} />
        <Route path="/queues/:name" component={QueuesView} />
        <Route path="/tables" component={TablesView} />
        <Route path="/tables/:name" component={TablesView} />
        <Route path="/invoke" component={InvokeView} />
        <Route path="/invoke/:name" component={InvokeView} />
        <Route default component={() => <p>Nothing here: pick a view above.</p>} />
      </Router>
    </main>
  </LocationProvider>
);

render(<App />, document.getElementById('app')!);
