import HTMLReport

/// The what-if page: one self-contained HTML file (style, script and charts
/// inline, no CDN, nothing fetched but this server's API). It builds its
/// levers from `GET /api/scenarios/NAME`, asks `POST /api/run` on every
/// change, and draws the answer: key figures with their 95% interval and a
/// single stream's P5–P95, the concurrency and sales curves, and the
/// difference from a pinned plan on the same seeds.
enum WhatIfPage {
    static func html(language: ReportLanguage) -> String {
        page.replacingOccurrences(of: "__LANG__", with: language.rawValue)
            .replacingOccurrences(of: "__HTMLLANG__", with: language == .zh ? "zh-CN" : "en")
    }

    static let page = #"""
    <!DOCTYPE html>
    <html lang="__HTMLLANG__">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>LiveSim what-if</title>
    <link rel="icon" href="data:,">
    <style>
    :root { --ink: #1a1a1a; --muted: #5f6368; --rule: #dadce0; --accent: #0072B2; --pin: #E69F00; --up: #007a4d; --down: #b3261e; --panel: #f8f9fa; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 18px; padding: 12px 20px; border-bottom: 2px solid var(--ink); }
    header h1 { font-size: 20px; margin: 0; }
    header label { color: var(--muted); }
    header select, header input { font: inherit; padding: 3px 6px; }
    header input[type=number] { width: 80px; }
    header .lang { margin-left: auto; }
    header .lang a { color: var(--accent); text-decoration: none; margin-left: 8px; }
    header .lang a.on { color: var(--ink); font-weight: 700; }
    main { display: grid; grid-template-columns: 340px 1fr; min-height: calc(100vh - 60px); }
    aside { background: var(--panel); border-right: 1px solid var(--rule); padding: 12px 16px 24px; overflow-y: auto; max-height: calc(100vh - 60px); position: sticky; top: 0; }
    aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 6px; }
    .lever { margin: 8px 0 12px; }
    .lever .row { display: flex; justify-content: space-between; gap: 8px; }
    .lever .name { font-size: 13px; }
    .lever .val { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
    .lever.moved .val { color: var(--accent); }
    .lever input[type=range] { width: 100%; }
    .lever.toggle label { display: flex; gap: 8px; align-items: center; font-size: 13px; }
    section.results { padding: 14px 22px 40px; }
    .status { color: var(--muted); min-height: 20px; font-size: 13px; }
    .status.error { color: var(--down); }
    .errors { color: var(--down); margin: 4px 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 12px; }
    button { font: inherit; padding: 5px 12px; border: 1px solid var(--rule); border-radius: 5px; background: #fff; cursor: pointer; }
    button.primary { border-color: var(--accent); color: var(--accent); font-weight: 600; }
    button:disabled { opacity: .5; cursor: default; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
    .card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; background: #fff; }
    .card .n { color: var(--muted); font-size: 12.5px; }
    .card .v { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
    .card .ci, .card .range { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
    .card .d { font-size: 12.5px; font-variant-numeric: tabular-nums; margin-top: 2px; }
    .up { color: var(--up); font-weight: 600; } .down { color: var(--down); font-weight: 600; } .same { color: var(--muted); }
    .busy .cards, .busy svg { opacity: .55; transition: opacity .2s; }
    figure { margin: 14px 0 6px; }
    figcaption { color: var(--muted); font-size: 12.5px; }
    svg.chart { width: 100%; height: auto; display: block; font-size: 11px; }
    svg.chart .grid { stroke: #eceff1; } svg.chart .axis { stroke: #9aa0a6; }
    svg.chart .cur { fill: none; stroke: var(--accent); stroke-width: 2; }
    svg.chart .pin { fill: none; stroke: var(--pin); stroke-width: 2; stroke-dasharray: 5 4; }
    .legend { font-size: 12px; color: var(--muted); }
    .legend .sw { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 4px 0 10px; background: var(--accent); }
    .legend .sw.pin { background: var(--pin); }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin-top: 6px; }
    th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    details summary { cursor: pointer; color: var(--accent); margin-top: 14px; }
    .note { color: var(--muted); font-size: 12.5px; }
    @media (max-width: 800px) { main { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
    </style>
    </head>
    <body data-state="loading" data-answers="0">
    <header>
      <h1 id="title"></h1>
      <label><span id="l-scenario"></span> <select id="scenario"></select></label>
      <label><span id="l-reps"></span> <input id="reps" type="number" min="1" step="1"></label>
      <label><span id="l-seed"></span> <input id="seed" type="number" min="0" step="1"></label>
      <span class="lang"><a href="?lang=en" id="lang-en">English</a><a href="?lang=zh" id="lang-zh">中文</a></span>
    </header>
    <main>
      <aside>
        <div class="actions"><button id="reset"></button></div>
        <div id="levers"></div>
      </aside>
      <section class="results" id="results">
        <div class="status" id="status"></div>
        <div class="errors" id="errors"></div>
        <div class="actions">
          <button class="primary" id="pin"></button><button id="unpin" disabled></button>
          <button id="yaml"></button><button id="zip"></button>
        </div>
        <div class="cards" id="cards"></div>
        <p class="note" id="cards-note"></p>
        <figure><div class="legend" id="legend-c"></div><svg class="chart" id="chart-concurrency" viewBox="0 0 760 240" role="img"></svg><figcaption id="cap-c"></figcaption></figure>
        <figure><svg class="chart" id="chart-sales" viewBox="0 0 760 240" role="img"></svg><figcaption id="cap-s"></figcaption></figure>
        <details><summary id="all-kpis"></summary><table id="kpi-table"></table></details>
      </section>
    </main>
    <script>
    "use strict";
    const LANG = "__LANG__";
    const T = {
      en: { title: "LiveSim what-if", scenario: "Scenario", reps: "Streams simulated", seed: "Seed", reset: "Back to the scenario",
            pin: "Pin this plan", unpin: "Unpin", yaml: "Download plan (YAML)", zip: "Download results (zip)",
            groups: { offers: "Offers and prices", events: "Interactive events", host: "Host", traffic: "Traffic and channels", delivery: "Stream quality" },
            running: "Simulating…", ready: (n, s, t) => `${n} streams simulated on seed ${s} in ${t} s. Same seed for every plan: differences are the plan's, not luck.`,
            busy: "The simulator is busy; trying again…", failed: "The request failed: ", mean: "mean of many streams",
            ci: "95% CI", range: "one stream, P5–P95", vsPin: "vs pinned", pinned: "pinned",
            note: "Big number: the mean over the simulated streams, with its 95% confidence interval. Grey range: where a single stream falls 9 times out of 10. With a pinned plan, Δ is this plan minus the pinned one on the same simulated days, with its 95% interval.",
            capC: "Concurrent viewers by minute (mean stream).", capS: "Cumulative GMV by minute (mean stream).",
            current: "this plan", minute: "minute", all: "All KPIs", kpi: "KPI", p5: "P5", p95: "P95", diff: "Δ vs pinned",
            on: "on", off: "off" },
      zh: { title: "LiveSim 推演", scenario: "场景", reps: "模拟场次", seed: "随机种子", reset: "恢复场景原设",
            pin: "固定此方案作对照", unpin: "取消对照", yaml: "下载方案 (YAML)", zip: "下载结果 (zip)",
            groups: { offers: "商品与价格", events: "互动活动", host: "主播", traffic: "流量与渠道", delivery: "直播画质" },
            running: "模拟中…", ready: (n, s, t) => `已模拟 ${n} 场（种子 ${s}），用时 ${t} 秒。所有方案使用同一组随机数：差异来自方案本身，而非运气。`,
            busy: "模拟器繁忙，稍后重试…", failed: "请求失败：", mean: "多场均值",
            ci: "95% 置信区间", range: "单场 P5–P95", vsPin: "相比对照", pinned: "对照",
            note: "大字为多场模拟的均值及其 95% 置信区间；灰色区间为单场直播十次中九次所落的范围。固定对照方案后，Δ 为本方案减对照方案（同一组模拟日），附 95% 区间。",
            capC: "每分钟在线人数（平均场）。", capS: "累计成交额（平均场）。",
            current: "本方案", minute: "分钟", all: "全部指标", kpi: "指标", p5: "P5", p95: "P95", diff: "Δ 相比对照",
            on: "开", off: "关" } };
    const t = T[LANG] || T.en;
    const CARDS = ["gmvYuan", "profitYuan", "views", "orders", "conversionRate", "gpmYuan", "averageStaySeconds", "peakConcurrent", "newFollows", "roi", "costYuan", "netGmvYuan"];
    const state = { scenario: null, info: null, values: {}, pinned: null, seq: 0, shown: 0, timer: null, answer: null };
    window.livesim = state;
    const $ = (id) => document.getElementById(id);

    function fmt(x, key) {
      if (x === null || x === undefined || !isFinite(x)) return "–";
      const a = Math.abs(x);
      if (/Rate$/.test(key || "")) return (x * 100).toFixed(a * 100 < 10 ? 2 : 1) + "%";
      const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
      return x.toLocaleString(LANG === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    }
    function money(key) { return /Yuan$/.test(key) ? "¥" : ""; }
    function leverText(l, v) {
      if (l.kind === "toggle") return v >= 0.5 ? t.on : t.off;
      const s = fmt(v);
      return l.unit === "¥" ? "¥" + s : l.unit ? s + " " + l.unit : s;
    }

    async function getJSON(url) { const r = await fetch(url); if (!r.ok) throw new Error(r.status + " " + url); return r.json(); }

    async function start() {
      document.title = t.title;
      $("title").textContent = t.title; $("l-scenario").textContent = t.scenario; $("l-reps").textContent = t.reps; $("l-seed").textContent = t.seed;
      $("reset").textContent = t.reset; $("pin").textContent = t.pin; $("unpin").textContent = t.unpin; $("yaml").textContent = t.yaml; $("zip").textContent = t.zip;
      $("cards-note").textContent = t.note; $("cap-c").textContent = t.capC; $("cap-s").textContent = t.capS; $("all-kpis").textContent = t.all;
      $("lang-" + (LANG === "zh" ? "zh" : "en")).className = "on";
      const list = await getJSON("api/scenarios");
      for (const s of list) { const o = document.createElement("option"); o.value = s.name; o.textContent = s.name; o.title = s.description; $("scenario").appendChild(o); }
      const wanted = new URLSearchParams(location.search).get("scenario");
      if (wanted && list.some((s) => s.name === wanted)) $("scenario").value = wanted;
      $("scenario").onchange = () => load($("scenario").value);
      $("reps").onchange = () => schedule(0); $("seed").onchange = () => schedule(0);
      $("reset").onclick = () => { for (const l of state.info.levers) state.values[l.id] = l.value; buildLevers(); schedule(0); };
      $("pin").onclick = () => { state.pinned = Object.assign({}, changedLevers()); $("unpin").disabled = false; schedule(0); };
      $("unpin").onclick = () => { state.pinned = null; $("unpin").disabled = true; schedule(0); };
      $("yaml").onclick = () => download("api/plan", "yaml");
      $("zip").onclick = () => download("api/export?lang=" + LANG, "zip");
      await load($("scenario").value);
    }

    async function load(name) {
      state.scenario = name; state.pinned = null; $("unpin").disabled = true;
      state.info = await getJSON("api/scenarios/" + encodeURIComponent(name));
      $("reps").value = state.info.replications; $("reps").max = state.info.maximumReplications; $("seed").value = state.info.seed;
      state.values = {}; for (const l of state.info.levers) state.values[l.id] = l.value;
      buildLevers(); schedule(0);
    }

    function buildLevers() {
      const box = $("levers"); box.textContent = "";
      const groups = {};
      for (const l of state.info.levers) (groups[l.group] = groups[l.group] || []).push(l);
      for (const g of Object.keys(groups)) {
        const h = document.createElement("h2"); h.textContent = t.groups[g] || g; box.appendChild(h);
        for (const l of groups[g]) box.appendChild(leverElement(l));
      }
    }

    function leverElement(l) {
      const div = document.createElement("div"); div.className = "lever " + l.kind; div.dataset.lever = l.id;
      const name = l.label[LANG] || l.label.en;
      const mark = () => div.classList.toggle("moved", state.values[l.id] !== l.value);
      if (l.kind === "toggle") {
        const label = document.createElement("label"); const box = document.createElement("input"); box.type = "checkbox";
        box.checked = state.values[l.id] >= 0.5;
        box.onchange = () => { state.values[l.id] = box.checked ? 1 : 0; mark(); schedule(); };
        label.appendChild(box); label.appendChild(document.createTextNode(name)); div.appendChild(label);
      } else {
        const row = document.createElement("div"); row.className = "row";
        const n = document.createElement("span"); n.className = "name"; n.textContent = name;
        const v = document.createElement("span"); v.className = "val"; v.textContent = leverText(l, state.values[l.id]);
        row.appendChild(n); row.appendChild(v); div.appendChild(row);
        const range = document.createElement("input"); range.type = "range";
        range.min = l.min; range.max = l.max; range.step = l.step; range.value = state.values[l.id];
        range.oninput = () => { state.values[l.id] = Number(range.value); v.textContent = leverText(l, state.values[l.id]); mark(); schedule(); };
        div.appendChild(range);
      }
      mark();
      return div;
    }

    function changedLevers() {
      const out = {};
      for (const l of state.info.levers) if (state.values[l.id] !== l.value) out[l.id] = state.values[l.id];
      return out;
    }

    function requestBody() {
      const body = { scenario: state.scenario, levers: changedLevers(), replications: Number($("reps").value), seed: Number($("seed").value) };
      if (state.pinned) body.pinned = { levers: state.pinned };
      return body;
    }

    function schedule(delay) {
      clearTimeout(state.timer);
      state.timer = setTimeout(run, delay === undefined ? 250 : delay);
    }

    async function run() {
      const seq = ++state.seq;
      document.body.dataset.state = "running"; $("results").classList.add("busy");
      $("status").className = "status"; $("status").textContent = t.running;
      let r;
      try {
        r = await fetch("api/run", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(requestBody()) });
      } catch (e) { return fail(seq, String(e)); }
      if (seq !== state.seq) return;
      if (r.status === 503) {
        const body = await r.json();
        if (r.headers.get("Retry-After")) { $("status").textContent = t.busy; state.timer = setTimeout(run, 1000); return; }
        return fail(seq, body.errors.map((e) => e.value + " — " + e.expected).join("; "));
      }
      const body = await r.json();
      if (seq !== state.seq) return;
      if (!r.ok) return fail(seq, body.errors.map((e) => (e.path ? e.path + ": " : "") + e.value + " — " + e.expected).join("; "));
      state.answer = body; state.shown = seq;
      $("errors").textContent = "";
      render(body);
      $("status").textContent = t.ready(body.replications, body.seed, body.seconds);
      $("results").classList.remove("busy");
      document.body.dataset.answers = String(Number(document.body.dataset.answers) + 1);
      document.body.dataset.state = "ready";
    }

    function fail(seq, message) {
      if (seq !== state.seq) return;
      $("status").className = "status error"; $("status").textContent = t.failed;
      $("errors").textContent = message; $("results").classList.remove("busy");
      document.body.dataset.state = "error";
    }

    function kpiName(key) { const k = state.info.kpis.find((x) => x.key === key); return k ? (k[LANG] || k.en) : key; }
    function lowerIsBetter(key) { const k = state.info.kpis.find((x) => x.key === key); return k && k.lowerIsBetter; }

    function deltaText(key, d) {
      if (!d || d.mean === null) return "";
      const ci = d.ci95;
      const sure = ci && (ci[0] > 0 || ci[1] < 0);
      const good = (d.mean > 0) !== lowerIsBetter(key);
      const cls = !sure ? "same" : good ? "up" : "down";
      const sign = d.mean > 0 ? "+" : "";
      // A rate's difference is in percentage points.
      const f = /Rate$/.test(key) ? (x) => (x * 100).toFixed(2) + " pt" : (x) => money(key) + fmt(x, key);
      const interval = ci ? ` [${f(ci[0])}, ${f(ci[1])}]` : "";
      return `<span class="${cls}">Δ ${sign}${f(d.mean)}</span><span class="same">${interval} ${t.vsPin}</span>`;
    }

    function render(a) {
      const cards = $("cards"); cards.textContent = "";
      for (const key of CARDS) {
        const s = a.kpis[key]; if (!s) continue;
        const c = document.createElement("div"); c.className = "card"; c.dataset.kpi = key; c.dataset.mean = String(s.mean);
        const ci = s.ci95 ? `${t.ci} ${money(key)}${fmt(s.ci95[0], key)} – ${fmt(s.ci95[1], key)}` : "";
        c.innerHTML = `<div class="n"></div><div class="v">${money(key)}${fmt(s.mean, key)}</div><div class="ci">${ci}</div>` +
          `<div class="range">${t.range}: ${money(key)}${fmt(s.p5, key)} – ${fmt(s.p95, key)}</div>` +
          (a.difference ? `<div class="d">${deltaText(key, a.difference[key])}</div>` : "");
        c.querySelector(".n").textContent = kpiName(key);
        cards.appendChild(c);
      }
      const pinned = a.pinned ? a.pinned.timeseries : null;
      $("legend-c").innerHTML = `<span class="sw"></span>${t.current}` + (pinned ? `<span class="sw pin"></span>${t.pinned}` : "");
      chart($("chart-concurrency"), a.timeseries.map((p) => p.concurrentViewers), pinned && pinned.map((p) => p.concurrentViewers), "");
      const cumulative = (series) => { let s = 0; return series.map((p) => (s += p.gmvYuan)); };
      chart($("chart-sales"), cumulative(a.timeseries), pinned && cumulative(pinned), "¥");
      const rows = state.info.kpis.map((k) => {
        const s = a.kpis[k.key]; if (!s) return "";
        const d = a.difference ? `<td>${deltaText(k.key, a.difference[k.key])}</td>` : "";
        return `<tr data-kpi="${k.key}"><td>${k[LANG] || k.en}</td><td>${fmt(s.mean, k.key)}</td><td>${s.ci95 ? fmt(s.ci95[0], k.key) + " – " + fmt(s.ci95[1], k.key) : "–"}</td><td>${fmt(s.p5, k.key)}</td><td>${fmt(s.p95, k.key)}</td>${d}</tr>`;
      }).join("");
      $("kpi-table").innerHTML = `<thead><tr><th>${t.kpi}</th><th>${t.mean}</th><th>${t.ci}</th><th>${t.p5}</th><th>${t.p95}</th>${a.difference ? `<th>${t.diff}</th>` : ""}</tr></thead><tbody>${rows}</tbody>`;
    }

    function niceMax(x) { if (!(x > 0)) return 1; const p = Math.pow(10, Math.floor(Math.log10(x))); for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p; return 10 * p; }

    function chart(svg, ys, pinned, unit) {
      const W = 760, H = 240, L = 84, R = 12, Tp = 10, B = 30;
      const n = ys.length; const top = niceMax(Math.max(...ys, ...(pinned || [0])));
      const x = (i) => L + (W - L - R) * (n > 1 ? i / (n - 1) : 0), y = (v) => Tp + (H - Tp - B) * (1 - v / top);
      let out = "";
      for (let k = 0; k <= 4; k++) {
        const v = top * k / 4;
        out += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${unit}${fmt(v)}</text>`;
      }
      const step = n > 150 ? 30 : n > 60 ? 15 : 10;
      for (let m = 0; m < n; m += step) out += `<text x="${x(m)}" y="${H - 12}" text-anchor="middle">${m}</text>`;
      out += `<text x="${W - R}" y="${H - 1}" text-anchor="end" fill="#5f6368">${t.minute}</text>`;
      out += `<line class="axis" x1="${L}" x2="${W - R}" y1="${y(0)}" y2="${y(0)}"/>`;
      const path = (vs) => vs.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join("");
      if (pinned) out += `<path class="pin" d="${path(pinned)}"/>`;
      out += `<path class="cur" d="${path(ys)}"/>`;
      svg.innerHTML = out;
    }

    async function download(url, kind) {
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(requestBody()) });
      if (!r.ok) { const b = await r.json(); return fail(state.seq, b.errors.map((e) => e.value + " — " + e.expected).join("; ")); }
      const blob = await r.blob();
      const a = document.createElement("a"); a.href = URL.createObjectURL(blob);
      a.download = `${state.scenario}-what-if.${kind}`; document.body.appendChild(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    }

    start().catch((e) => { $("status").className = "status error"; $("status").textContent = t.failed + e; document.body.dataset.state = "error"; });
    </script>
    </body>
    </html>
    """#
}
