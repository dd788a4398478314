// ecom-pipeline dashboard: draws the charts from the embedded data, then writes a self-check
// (points drawn and errors per chart) into #render-report and the page title.
(function () {
  'use strict';
  var errors = window.__dashboardErrors || [];
  var report = { status: 'rendering', library: null, charts: {}, errors: errors };
  var charts = {};
  var COLORS = ['#2f6fde', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4', '#bf399e', '#6c8893', '#ee6868', '#525df4'];

  function money(v) {
    return Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function pct(v) { return (Number(v) * 100).toFixed(2) + '%'; }
  function count(v) { return Number(v).toLocaleString('en-US'); }
  function nums(a) { return a.map(function (v) { return Number(v); }); }
  function tooltip(fmt) {
    return { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + fmt(ctx.raw); } } };
  }
  function axis(fmt, extra) {
    var a = { beginAtZero: true, ticks: { callback: function (v) { return fmt(v); } } };
    if (fmt === count) { a.ticks.precision = 0; }
    for (var k in extra || {}) { a[k] = extra[k]; }
    return a;
  }

  function make(id, config) {
    var canvas = document.getElementById(id);
    var values = 0;
    config.data.datasets.forEach(function (ds) {
      ds.data.forEach(function (v) { if (v !== null && isFinite(v)) { values++; } });
    });
    if (!canvas) { errors.push('no canvas #' + id); return; }
    if (values === 0) {
      var note = document.createElement('div');
      note.className = 'empty';
      note.textContent = 'no data';
      canvas.parentNode.appendChild(note);
      canvas.style.display = 'none';
      report.charts[id] = { points: 0, values: 0, empty: true };
      return;
    }
    try {
      charts[id] = new Chart(canvas, config);
    } catch (e) {
      errors.push('chart ' + id + ': ' + (e && e.message ? e.message : e));
    }
  }

  function check(id, chart) {
    var points = 0, outside = 0, datasets = chart.data.datasets.length;
    var area = chart.chartArea;
    for (var i = 0; i < datasets; i++) {
      chart.getDatasetMeta(i).data.forEach(function (el) {
        if (!el || !isFinite(el.x) || !isFinite(el.y)) { return; }
        if (area && (el.x < area.left - 1 || el.x > area.right + 1 || el.y < area.top - 1 || el.y > area.bottom + 1)) { outside++; return; }
        points++;
      });
    }
    var canvas = chart.canvas, painted = 0;
    try {
      var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (var p = 3; p < px.length; p += 4 * 7) { if (px[p] !== 0) { painted++; } }
    } catch (e) {
      errors.push('chart ' + id + ': cannot read pixels: ' + e.message);
    }
    var values = 0;
    chart.data.datasets.forEach(function (ds) { values += ds.data.length; });
    report.charts[id] = { points: points, values: values, outside: outside, datasets: datasets,
      width: canvas.width, height: canvas.height, paintedSamples: painted };
  }

  function finish() {
    Object.keys(charts).forEach(function (id) {
      try { check(id, charts[id]); } catch (e) { errors.push('check ' + id + ': ' + e.message); }
    });
    var ok = errors.length === 0;
    Object.keys(report.charts).forEach(function (id) {
      var c = report.charts[id];
      if (!c.empty && (c.points === 0 || c.points < c.values || c.paintedSamples === 0)) { ok = false; }
    });
    report.status = ok ? 'ok' : 'error';
    document.getElementById('render-report').textContent = JSON.stringify(report, null, 2);
    document.documentElement.setAttribute('data-render-status', report.status);
    document.title = document.title.replace(/ \[render: .*\]$/, '') + ' [render: ' + report.status + ']';
  }

  try {
    var data = JSON.parse(document.getElementById('dashboard-data').textContent);
    if (typeof Chart === 'undefined') { throw new Error('the inlined Chart.js did not load'); }
    report.library = 'chart.js ' + Chart.version;
    Chart.defaults.animation = false;
    Chart.defaults.responsive = true;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.size = 11;
    Chart.defaults.plugins.legend.labels.boxWidth = 12;

    var daily = data.daily;
    make('revenueTrend', {
      type: 'bar',
      data: {
        labels: daily.dates,
        datasets: [
          { type: 'bar', label: 'Net revenue', data: nums(daily.netRevenue), backgroundColor: 'rgba(47,111,222,0.45)', order: 2 },
          { type: 'line', label: '7-day moving average', data: nums(daily.netRevenueMa7), borderColor: COLORS[1],
            backgroundColor: COLORS[1], borderWidth: 2, pointRadius: 2, tension: 0, order: 1 }
        ]
      },
      options: { scales: { y: axis(money) }, plugins: { tooltip: tooltip(money) } }
    });

    make('revenueByCategory', {
      type: 'bar',
      data: {
        labels: data.categories.labels,
        datasets: [{ label: 'Net revenue', data: nums(data.categories.netRevenue),
          backgroundColor: data.categories.labels.map(function (_, i) { return COLORS[i % COLORS.length]; }) }]
      },
      options: { indexAxis: 'y', scales: { x: axis(money) }, plugins: { legend: { display: false }, tooltip: tooltip(money) } }
    });

    make('topProducts', {
      type: 'bar',
      data: {
        labels: data.topProducts.labels.map(function (s) { return s.length > 38 ? s.slice(0, 37) + '…' : s; }),
        datasets: [{ label: 'Net revenue', data: nums(data.topProducts.netRevenue), backgroundColor: COLORS[2] }]
      },
      options: { indexAxis: 'y', scales: { x: axis(money) }, plugins: { legend: { display: false }, tooltip: tooltip(money) } }
    });

    make('funnelByDevice', {
      type: 'bar',
      data: {
        labels: data.funnel.stages,
        datasets: data.funnel.devices.map(function (d, i) {
          return { label: d.device, data: nums(d.values), backgroundColor: COLORS[i % COLORS.length] };
        })
      },
      options: {
        scales: { y: axis(count) },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          var sessions = ctx.dataset.data[0];
          var share = sessions ? ' (' + (100 * ctx.raw / sessions).toFixed(2) + '% of sessions)' : '';
          return ctx.dataset.label + ': ' + count(ctx.raw) + share;
        } } } }
      }
    });

    make('clvSegments', {
      type: 'bar',
      data: {
        labels: data.segments.labels,
        datasets: [
          { label: 'Customers', data: nums(data.segments.customers), backgroundColor: COLORS[3], yAxisID: 'y' },
          { label: 'Lifetime revenue', data: nums(data.segments.revenue), backgroundColor: COLORS[5], yAxisID: 'y1' }
        ]
      },
      options: {
        scales: { y: axis(count, { position: 'left', title: { display: true, text: 'customers' } }),
                  y1: axis(money, { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'revenue' } }) },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.label + ': ' + (ctx.dataset.yAxisID === 'y1' ? money(ctx.raw) : count(ctx.raw));
        } } } }
      }
    });

    make('returnsPayments', {
      type: 'line',
      data: {
        labels: daily.dates,
        datasets: [
          { label: 'Return rate', data: nums(daily.returnRate), borderColor: COLORS[4], backgroundColor: COLORS[4], pointRadius: 2, tension: 0 },
          { label: 'Payment failure rate', data: nums(daily.paymentFailureRate), borderColor: COLORS[7], backgroundColor: COLORS[7], pointRadius: 2, tension: 0 }
        ]
      },
      options: { scales: { y: axis(pct) }, plugins: { tooltip: tooltip(pct) } }
    });
  } catch (e) {
    errors.push('dashboard: ' + (e && e.message ? e.message : e));
  }

  // Let layout and any resize settle, then check what was drawn.
  if (document.readyState === 'complete') {
    setTimeout(finish, 50);
  } else {
    window.addEventListener('load', function () { setTimeout(finish, 50); });
  }
})();
