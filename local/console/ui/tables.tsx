import { Chooser, Head } from './parts';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { getJson, segment } from './api';
import { json } from './format';
import { useOverview } from './live';
import type { TablePage } from './types';

export const TablesView = ({ name }: { name?: string }) => {
  const { route } = useLocation();
  const overview = useOverview();
  const [partitionKey, setPartitionKey] = useState('');
  const [pages, setPages] = useState<string[]>(['']);
  const [page, setPage] = useState<TablePage>();
  const [failure, setFailure] = useState<string>();
  const load = (key: string, at: string) => {
    const query = new URLSearchParams({ ...(key && { partitionKey: key }), ...(at && { cursor: at }) });
    getJson<TablePage>(`/api/tables/${segment(name!)}?${query}`).then(
      (loaded) => {
        setFailure(undefined);
        setPage(loaded);
      },
      (error: Error) => setFailure(error.message),
    );
  };
  useEffect(() => {
    setPages(['']);
    setPage(undefined);
    if (name) load(partitionKey, '');
  }, [name]);
  const columns = page ? [...new Set([page.keys.partitionKey, ...(page.keys.sortKey ? [page.keys.sortKey] : [])])] : [];
  return (
    <>
      <h1>Tables</h1>
      <Chooser label="Table" chosen={name} options={(overview?.tables ?? []).map((table) => table.name)} onChoose={(option) => route(`/tables/${segment(option)}`)} />
      {name && (
        <form
          role="search"
          aria-label={`Browse ${name}`}
          onSubmit={(event) => {
            event.preventDefault();
            setPages(['']);
            load(partitionKey, '');
          }}
        >
          <fieldset role="group">
            <input
              aria-label={`Partition key${page ? ` (${page.keys.partitionKey})` : ''}`}
              placeholder={`Partition key value${page ? ` (${page.keys.partitionKey})` : ''}; empty for all items`}
              value={partitionKey}
              onInput={(event) => setPartitionKey((event.target as HTMLInputElement).value)}
            />
            <button type="submit">Browse</button>
          </fieldset>
        </form>
      )}
      {failure && <p role="alert">{failure}</p>}
      {page && (
        <section aria-labelledby="items-title">
          <h2 id="items-title">
            Items of {name}, page {pages.length}
          </h2>
          {page.items.length === 0 ? (
            <p>No items.</p>
          ) : (
            <table aria-label={`Items of ${name}`}>
              <Head columns={[...columns, 'Item']} />
              <tbody>
                {page.items.map((item, index) => (
                  <tr key={index}>
                    {columns.map((column) => (
                      <th scope="row" key={column}>
                        {String(item[column] ?? '')}
                      </th>
                    ))}
                    <td>
                      <pre>{json(item)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              disabled={pages.length === 1}
              onClick={() => {
                const previous = pages.slice(0, -1);
                setPages(previous);
                load(partitionKey, previous.at(-1)!);
              }}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={!page.next}
              onClick={() => {
                setPages([...pages, page.next!]);
                load(partitionKey, page.next!);
              }}
            >
              Next page
            </button>
          </div>
        </section>
      )}
    </>
  );
};
