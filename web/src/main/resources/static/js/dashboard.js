// Draws each dashboard chart from the table next to it (the table stays for screen readers
// and without JavaScript): a row's header is the category, each numeric cell a series value.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var palette = ['#12355b', '#2e7d32', '#a0181c', '#6d4c41', '#f9a825', '#5e35b1', '#00838f', '#757575'];

  function read(table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    var series = [];
    heads.forEach(function (th, i) {
      if (th.dataset.series) {
        series.push({ index: i, name: th.textContent.trim(), kind: th.dataset.series, data: [] });
      }
    });
    var categories = [];
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      var cells = tr.children;
      categories.push(cells[0].textContent.trim());
      series.forEach(function (s) {
        var v = cells[s.index] ? cells[s.index].dataset.value : undefined;
        s.data.push(v === undefined || v === '' ? null : Number(v));
      });
    });
    return { categories: categories, series: series };
  }

  function option(kind, d) {
    var series = d.series.map(function (s) {
      var out = { name: s.name, data: s.data, type: 'bar' };
      if (kind === 'line' && s.kind !== 'bar') {
        out.type = 'line';
        out.connectNulls = true;
        if (s.kind === 'dashed') {
          out.lineStyle = { type: 'dashed' };
        }
      }
      if (kind === 'stacked') {
        out.stack = 'all';
      }
      return out;
    });
    return {
      color: palette,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { show: series.length > 1, top: 0 },
      grid: { left: 48, right: 16, top: series.length > 1 ? 40 : 16, bottom: 40, containLabel: true },
      xAxis: kind === 'stacked' ? { type: 'value', minInterval: 1 } : { type: 'category', data: d.categories },
      yAxis: kind === 'stacked' ? { type: 'category', data: d.categories } : { type: 'value', minInterval: 1 },
      series: kind === 'stacked' ? series.map(function (s) { s.type = 'bar'; return s; }) : series
    };
  }

  document.querySelectorAll('.chart[data-table]').forEach(function (el) {
    var table = document.getElementById(el.dataset.table);
    if (!table) {
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option(el.dataset.chart, read(table)));
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
