// Follows a certificate batch live: polls its JSON status every second until it has finished.
(function () {
  const page = document.getElementById('batch-page');
  if (!page) return;
  const id = page.dataset.batchId;
  const $ = (name) => document.getElementById(name);

  function render(data) {
    const b = data.batch;
    $('batch-status').textContent = b.status;
    $('batch-reason').textContent = b.failure_reason || '';
    $('batch-read').textContent = b.rows_read;
    $('batch-total').textContent = b.rows_total == null ? '?' : b.rows_total;
    $('batch-accepted').textContent = b.rows_accepted;
    $('batch-issued').textContent = b.issued;
    $('batch-rejected').textContent = b.rows_rejected;
    // checking the rows is the first tenth of the work, issuing the certificates the rest
    const checked = b.rows_total ? Math.min(1, b.rows_read / b.rows_total) : 0;
    const issued = b.rows_accepted ? Math.min(1, b.issued / b.rows_accepted) : (b.parts != null ? 1 : 0);
    const pct = b.status === 'SUCCEEDED' ? 100 : Math.round(10 * checked + 90 * issued);
    $('batch-bar').style.width = pct + '%';
    $('batch-zip').hidden = b.issued === 0;
    const body = $('batch-errors').querySelector('tbody');
    body.replaceChildren(...data.errors.map((e) => {
      const tr = document.createElement('tr');
      for (const v of [e.line, e.field || '', e.reason]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      return tr;
    }));
    $('batch-errors').hidden = data.errors.length === 0;
    $('no-errors').hidden = data.errors.length > 0;
    return b.status === 'SUCCEEDED' || b.status === 'FAILED';
  }

  async function poll() {
    try {
      const res = await fetch('/api/registrar/certificate-batches/' + id, { headers: { Accept: 'application/json' } });
      if (res.ok && render(await res.json())) return;
    } catch (e) {
      // the next poll tries again
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
