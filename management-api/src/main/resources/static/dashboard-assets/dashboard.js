// Small progressive enhancements; every page works without them except the charts and the copy buttons.
(function () {
  'use strict';

  // Copy buttons: data-copy-target names the element whose text (or value) is copied; the copied text is also kept
  // in data-copied, so that it can be read back where the clipboard is unavailable.
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-copy-target]');
    if (!button) return;
    var target = document.getElementById(button.getAttribute('data-copy-target'));
    if (!target) return;
    var text = target.value !== undefined && target.tagName !== 'DIV' && target.tagName !== 'CODE' && target.tagName !== 'PRE' ? target.value : target.textContent;
    text = text.trim();
    button.setAttribute('data-copied', text);
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = button.getAttribute('data-label') || 'Copy'; }, 2000); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, done);
    } else {
      done();
    }
  });

  // Event selector quick-select: data-select="all" | "none" | a category such as "email".
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-select]');
    if (!button) return;
    e.preventDefault();
    var which = button.getAttribute('data-select');
    document.querySelectorAll('input[name="events"]').forEach(function (box) {
      if (which === 'all') box.checked = !box.value.endsWith('.*');
      else if (which === 'none') box.checked = false;
      else box.checked = box.getAttribute('data-category') === which && !box.value.endsWith('.*');
    });
    countEvents();
  });
  // The types the choice covers: a category's wildcard (email.*) counts as each of its types.
  function countEvents() {
    var out = document.getElementById('events-count');
    if (!out) return;
    var all = {};
    document.querySelectorAll('input[name="events"]:checked').forEach(function (box) { all[box.getAttribute('data-category')] = all[box.getAttribute('data-category')] || box.value.endsWith('.*'); });
    var covered = 0;
    document.querySelectorAll('input[name="events"]').forEach(function (box) {
      if (!box.value.endsWith('.*') && (box.checked || all[box.getAttribute('data-category')])) covered++;
    });
    out.textContent = covered;
  }
  document.addEventListener('change', function (e) {
    if (e.target.name === 'events') countEvents();
  });

  // HTTPS check as the URL is typed (the server checks again): http only for localhost.
  document.addEventListener('input', function (e) {
    if (e.target.id !== 'url') return;
    var hint = document.getElementById('url-hint');
    if (!hint) return;
    var v = e.target.value.trim();
    var local = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(v);
    hint.textContent = v === '' || v.indexOf('https://') === 0 || local ? '' : 'Endpoint must be a valid HTTPS URL (HTTP only for localhost testing).';
  });

  // Tabs (code examples): buttons with aria-controls.
  document.addEventListener('click', function (e) {
    var tab = e.target.closest('[role="tab"]');
    if (!tab) return;
    var list = tab.closest('[role="tablist"]');
    list.querySelectorAll('[role="tab"]').forEach(function (t) {
      var selected = t === tab;
      t.setAttribute('aria-selected', selected ? 'true' : 'false');
      document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
    });
  });

  // Test page: the sample payload of the chosen type; editing it switches to custom data.
  document.addEventListener('change', function (e) {
    if (e.target.id !== 'event_type' || !window.PM_SAMPLES) return;
    var payload = document.getElementById('payload');
    payload.value = window.PM_SAMPLES[e.target.value] || '{}';
    var sample = document.getElementById('source-sample');
    if (sample) sample.checked = true;
  });
  document.addEventListener('input', function (e) {
    if (e.target.id !== 'payload') return;
    var custom = document.getElementById('source-custom');
    if (custom) custom.checked = true;
  });

  // Delivery log: its table polls itself only while no row is open, so an opened row stays as it is.
  window.pmLogIdle = function () {
    return document.querySelector('#log-table details[open]') === null;
  };

  // Confirmation before destructive actions: forms with data-confirm.
  document.addEventListener('submit', function (e) {
    var message = e.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) e.preventDefault();
  });

  // Details page charts, from the JSON in #chart-data.
  function charts() {
    var data = document.getElementById('chart-data');
    if (!data || !window.Chart) return;
    var series = JSON.parse(data.textContent);
    var flat = function (value) { return series.days.map(function () { return value; }); };
    new Chart(document.getElementById('success-chart'), {
      type: 'line',
      data: { labels: series.days, datasets: [{ label: 'Success rate (%)', data: series.success_rate, borderColor: '#116329', spanGaps: true }] },
      options: { animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: 'Success %' } } } }
    });
    new Chart(document.getElementById('latency-chart'), {
      type: 'line',
      data: { labels: series.days, datasets: [
        { label: 'Average response (ms)', data: series.avg_response_ms, borderColor: '#0b5fff', spanGaps: true },
        { label: 'p95 response (ms)', data: series.p95_response_ms, borderColor: '#8250df', spanGaps: true },
        { label: 'Warning 1,000 ms', data: flat(1000), borderColor: '#bf8700', borderDash: [6, 4], pointRadius: 0 },
        { label: 'Critical 3,000 ms', data: flat(3000), borderColor: '#cf222e', borderDash: [6, 4], pointRadius: 0 }] },
      options: { animation: false, scales: { y: { min: 0, title: { display: true, text: 'ms' } } } }
    });
    document.body.setAttribute('data-charts', 'drawn');
  }
  // after every deferred script, Chart.js included
  if (document.readyState === 'complete') charts(); else window.addEventListener('load', charts);
})();
