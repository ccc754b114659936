// Follows a catalog import live: polls its JSON status every second until it has finished.
(function () {
  const page = document.getElementById('import-page');
  if (!page) return;
  const id = page.dataset.importId;
  const $ = (name) => document.getElementById(name);

  function render(data) {
    const imp = data.catalog_import;
    $('import-status').textContent = imp.status;
    $('import-reason').textContent = imp.failure_reason || '';
    $('import-read').textContent = imp.rows_read;
    $('import-total').textContent = imp.rows_total == null ? '?' : imp.rows_total;
    $('import-imported').textContent = imp.rows_imported;
    $('import-rejected').textContent = imp.rows_rejected;
    const pct = imp.status === 'SUCCEEDED' ? 100
      : (imp.rows_total ? Math.min(100, Math.round(100 * imp.rows_read / imp.rows_total)) : 0);
    $('import-bar').style.width = pct + '%';
    const body = $('import-errors').querySelector('tbody');
    body.replaceChildren(...data.errors.map((e) => {
      const tr = document.createElement('tr');
      for (const v of [e.line, e.field || '', e.reason]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      return tr;
    }));
    $('import-errors').hidden = data.errors.length === 0;
    $('no-errors').hidden = data.errors.length > 0;
    return imp.status === 'SUCCEEDED' || imp.status === 'FAILED';
  }

  async function poll() {
    try {
      const res = await fetch('/api/admin/catalog-imports/' + id, { headers: { Accept: 'application/json' } });
      if (res.ok && render(await res.json())) return;
    } catch (e) {
      // the next poll tries again
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
