// Draws a campaign's [data-campaign-chart]: participants' daily revenue (bars) against the baseline's daily value (line).
(function () {
  function loadECharts() {
    if (window.echarts) {
      return Promise.resolve(window.echarts);
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = '/webjars/echarts/dist/echarts.min.js';
      script.onload = function () { resolve(window.echarts); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function draw(element) {
    var data = JSON.parse(element.getAttribute('data-campaign-chart'));
    loadECharts().then(function (echarts) {
      var chart = echarts.init(element);
      chart.setOption({
        animation: false,
        color: ['#14805e', '#b45309'],
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: ['Revenue (USD)', 'Baseline (USD a day)'] },
        grid: { left: 56, right: 16, top: 56, bottom: 28 },
        xAxis: { type: 'category', data: data.days.map(function (d) { return d.slice(5); }) },
        yAxis: { type: 'value', name: 'USD' },
        series: [
          {
            name: 'Revenue (USD)', type: 'bar', data: data.revenue.map(Number),
            itemStyle: { color: function (p) { return data.days[p.dataIndex] >= data.start ? '#14805e' : '#9aa4b2'; } }
          },
          { name: 'Baseline (USD a day)', type: 'line', step: 'middle', data: data.baseline.map(function (b) { return b === null ? null : Number(b); }), itemStyle: { color: '#b45309' } }
        ]
      });
      element.setAttribute('data-chart-ready', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-campaign-chart]').forEach(draw);
  });
})();
