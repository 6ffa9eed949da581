// Apache ECharts (from npm, console/package-lock.json), loaded only by the pages that draw,
// and fetched beside their calls rather than before them: a page's data calls do not wait
// for the library's 1.1 MB to arrive and parse; only the drawing does.
const echartsLoaded = import("/static/vendor/echarts.esm.min.js");

const LEVEL_COLOR = { met: "#2f9e44", near: "#f08c00", below: "#e03131", no_data: "#ced4da" };

// A chart's box; `draw(box)` runs when the box is in the page (ui.guarded awaits onMount).
export function chartBox(testid, draw) {
  const box = document.createElement("div");
  box.className = "chart";
  box.dataset.testid = testid;
  box.onMount = () => draw(box);
  return box;
}

async function mount(box, option) {
  const echarts = await echartsLoaded;
  const chart = echarts.init(box, null, { renderer: "canvas" });
  // drawn whole at once: a line's entrance animation reveals it left to right over a second,
  // so the newest week (rightmost) showed last, after the page said it was ready
  chart.setOption({ animation: false, ...option });
  new ResizeObserver(() => chart.resize()).observe(box);
  box.chart = chart; // tests read the drawn option back
  return chart;
}

// rows: [{name, cells: [{percent, text, level, levelLabel}]}], one column per metric label.
export async function heatmap(box, metricLabels, rows, onCell) {
  const data = [];
  rows.forEach((row, y) => row.cells.forEach((cell, x) => {
    data.push({ value: [x, y, cell.hasValue ? cell.percent : -1], cell,
      itemStyle: { color: LEVEL_COLOR[cell.level] || LEVEL_COLOR.no_data } });
  }));
  const chart = await mount(box, {
    tooltip: { formatter: (p) => `${rows[p.value[1]].name} · ${metricLabels[p.value[0]]}<br>` +
      `${p.data.cell.text}(${p.data.cell.levelLabel})` },
    grid: { left: 80, right: 16, top: 16, bottom: 48, containLabel: true },
    xAxis: { type: "category", data: metricLabels, splitArea: { show: true },
      axisLabel: { interval: 0, width: 90, overflow: "break" } },
    yAxis: { type: "category", data: rows.map((r) => r.name), inverse: true, splitArea: { show: true } },
    series: [{
      type: "heatmap", data,
      label: { show: true, formatter: (p) => p.data.cell.text, color: "#fff", fontSize: 14 },
      emphasis: { itemStyle: { borderColor: "#1f2933", borderWidth: 2 } },
    }],
  });
  chart.on("click", (p) => onCell(p.value[1], p.value[0]));
  return chart;
}

// series: [{name, values}], over categories (x).
export async function lines(box, categories, series, { band = null, unit = "" } = {}) {
  const option = {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 56, right: 16, top: 32, bottom: 56, containLabel: true },
    xAxis: { type: "category", data: categories },
    yAxis: { type: "value", name: unit },
    // every point drawn: a week with a value between two without one is a lone point
    series: series.map((s) => ({ type: "line", name: s.name, data: s.values, smooth: true,
      connectNulls: false, showAllSymbol: true, symbolSize: 8 })),
  };
  if (band) {
    // the P10-P90 range as a filled band: P10 stacked under the gap up to P90
    option.series.push(
      { type: "line", name: band.lowName, data: band.low, stack: "band", lineStyle: { opacity: 0 },
        symbol: "none" },
      { type: "line", name: band.name, data: band.high.map((h, i) => h - band.low[i]),
        stack: "band", lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.25 }, symbol: "none",
        tooltip: { valueFormatter: () => "" } },
    );
  }
  return mount(box, option);
}

export async function bars(box, categories, values, unit = "") {
  return mount(box, {
    tooltip: { trigger: "axis" },
    grid: { left: 56, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: categories },
    yAxis: { type: "value", name: unit },
    series: [{ type: "bar", data: values.map((v) => ({ value: v,
      itemStyle: { color: v >= 0 ? "#2f9e44" : "#e03131" } })) }],
  });
}
