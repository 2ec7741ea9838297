/// The report's Mustache templates: a page layout with its stylesheet, and
/// one body per report kind. Data comes in as dictionaries; `{{x}}` escapes
/// text, `{{{svg}}}` inserts a chart drawn (and escaped) by the Charts module.
enum Templates {
    static let page = """
    <!DOCTYPE html>
    <html lang="{{htmlLanguage}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="livesim {{version}}">
    <title>{{title}} · {{name}}</title>
    <style>
    :root { --ink: #1a1a1a; --muted: #5f6368; --rule: #dadce0; --accent: #0072B2; --up: #007a4d; --down: #b3261e; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; color: var(--ink);
           font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
    header { border-bottom: 2px solid var(--ink); margin-bottom: 18px; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 28px 0 6px; }
    .subtitle { color: var(--muted); margin: 0 0 10px; }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0 0 12px; padding: 0; list-style: none; color: var(--muted); }
    .facts b { color: var(--ink); font-weight: 600; }
    .note { color: var(--muted); font-size: 12.5px; margin: 2px 0 8px; }
    section { break-inside: avoid; page-break-inside: avoid; }
    figure { margin: 6px 0 18px; }
    figcaption { color: var(--muted); font-size: 12.5px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: 6px 0 14px; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: top; }
    th:first-child, td:first-child { text-align: left; }
    thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
    td.interval { color: var(--muted); white-space: nowrap; }
    .up { color: var(--up); font-weight: 600; }
    .down { color: var(--down); font-weight: 600; }
    tr.best td { background: #fff4e5; }
    tr.loses-money td { background: #fdecea; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; margin: 8px 0; }
    .card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
    .card-name { color: var(--muted); font-size: 12.5px; }
    .card-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .card-ci, .card-range { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
    svg.chart { width: 100%; height: auto; display: block; font-size: 11px; }
    svg.chart text { fill: var(--ink); }
    svg.chart .axis line { stroke: #9aa0a6; stroke-width: 1; }
    svg.chart .axis .grid { stroke: #eceff1; }
    svg.chart .axis-label { fill: var(--muted); font-weight: 600; }
    svg.chart .empty { fill: var(--muted); font-size: 14px; }
    svg.chart .span rect { fill: #e8f0fe; }
    svg.chart .span:nth-child(even) rect { fill: #f1f8e9; }
    svg.chart .span text { fill: #3c4043; font-weight: 600; }
    svg.chart .span.stall rect { fill: #d93025; fill-opacity: 0.22; }
    svg.chart .span.demonstration rect { fill: #fef7e0; }
    svg.chart .marker line { stroke: #3c4043; stroke-dasharray: 3 3; }
    svg.chart .marker.soldOut line { stroke: #d93025; }
    svg.chart .marker.flashSale line { stroke: #E69F00; stroke-dasharray: none; stroke-width: 1.5; }
    svg.chart .marker text { font-size: 10px; fill: #3c4043; }
    svg.chart .bar-label, svg.chart .category-label { font-size: 11px; }
    svg.chart .category.highlight text { font-weight: 700; fill: #D55E00; }
    svg.chart .whisker { stroke: #1a1a1a; stroke-width: 1.5; }
    svg.chart .legend text { font-size: 11px; }
    footer { margin-top: 32px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; padding-top: 8px; }
    @media print {
      body { max-width: none; padding: 0 8mm; font-size: 11px; }
      h2 { margin-top: 14px; }
      a { color: inherit; text-decoration: none; }
    }
    </style>
    </head>
    <body>
    <header>
    <h1>{{title}}{{colon}}{{name}}</h1>
    {{#description}}<p class="subtitle">{{description}}</p>{{/description}}
    <ul class="facts">
    {{#facts}}<li>{{label}}{{colon}}<b>{{value}}</b></li>{{/facts}}
    </ul>
    </header>
    {{{body}}}
    <footer>{{generatedBy}} livesim {{version}}</footer>
    </body>
    </html>

    """

    /// A figure: a chart with a caption.
    static let figure = """
    <section class="figure" data-figure="{{id}}">
    <h2>{{heading}}</h2>
    {{#note}}<p class="note">{{note}}</p>{{/note}}
    <figure>{{{svg}}}</figure>
    </section>

    """

    static let run = """
    <section class="key-figures">
    <h2>{{keyFiguresHeading}}</h2>
    <div class="cards">
    {{#headlines}}<div class="card" data-kpi="{{key}}"><div class="card-name">{{name}}</div><div class="card-value">{{mean}}</div><div class="card-ci">{{ci}}</div><div class="card-range">{{range}}</div></div>
    {{/headlines}}
    </div>
    <p class="note">{{ciNote}}</p>
    </section>
    {{#figures}}{{> figure}}{{/figures}}
    {{#season}}
    <section class="season" data-section="season">
    <h2>{{heading}}</h2>
    <p class="note">{{note}}</p>
    <div class="cards">
    {{#cards}}<div class="card" data-season-kpi="{{key}}"><div class="card-name">{{name}}</div><div class="card-value">{{mean}}</div><div class="card-ci">{{ci}}</div></div>
    {{/cards}}
    </div>
    </section>
    {{#figures}}{{> figure}}{{/figures}}
    <section class="season-kpis">
    <table class="kpis">
    <thead><tr><th>{{kpiHeading}}</th><th>{{meanHeading}}</th><th>{{ciHeading}}</th><th>{{p5Heading}}</th><th>{{p95Heading}}</th></tr></thead>
    <tbody>
    {{#kpis}}<tr data-season-kpi="{{key}}"><td>{{name}}</td><td>{{mean}}</td><td class="interval">{{ci}}</td><td>{{p5}}</td><td>{{p95}}</td></tr>
    {{/kpis}}
    </tbody>
    </table>
    </section>
    {{/season}}
    <section class="channels">
    <h2>{{channelHeading}}</h2>
    <table class="channel-table">
    <thead><tr>{{#channelColumns}}<th>{{.}}</th>{{/channelColumns}}</tr></thead>
    <tbody>
    {{#channels}}<tr data-channel="{{key}}"{{#losesMoney}} class="loses-money"{{/losesMoney}}><td>{{name}}</td><td>{{views}}</td><td>{{buyers}}</td><td>{{gmv}}</td><td class="interval">{{gmvCI}}</td><td>{{cost}}</td><td>{{roi}}{{#losesMoney}} <span class="down" title="{{.}}">⚠</span>{{/losesMoney}}</td><td>{{netGmv}}</td><td>{{contribution}}</td></tr>
    {{/channels}}
    </tbody>
    </table>
    <p class="note">{{channelNote}}</p>
    {{#losesMoneyNote}}<p class="note loses-money-note">{{losesMoneyNote}}</p>{{/losesMoneyNote}}
    </section>
    <section class="all-kpis">
    <h2>{{allHeading}}</h2>
    <table class="kpis">
    <thead><tr><th>{{kpiHeading}}</th><th>{{meanHeading}}</th><th>{{ciHeading}}</th><th>{{p5Heading}}</th><th>{{p95Heading}}</th></tr></thead>
    <tbody>
    {{#kpis}}<tr data-kpi="{{key}}"><td>{{name}}</td><td>{{mean}}</td><td class="interval">{{ci}}</td><td>{{p5}}</td><td>{{p95}}</td></tr>
    {{/kpis}}
    </tbody>
    </table>
    </section>

    """

    static let comparison = """
    <section class="comparison-kpis">
    <h2>{{kpiTableHeading}}</h2>
    <p class="note">{{pairedNote}}</p>
    <p class="note">{{multipleTestingNote}}</p>
    <table class="kpis comparison">
    <thead><tr><th>{{kpiHeading}}</th>{{#scenarios}}<th>{{.}}</th>{{/scenarios}}{{#others}}<th>{{differenceHeading}}: {{.}}</th>{{/others}}</tr></thead>
    <tbody>
    {{#rows}}<tr data-kpi="{{key}}"><td>{{name}}</td>{{#values}}<td>{{value}}<br><span class="interval">{{ci}}</span></td>{{/values}}{{#differences}}<td><span class="{{direction}}">{{arrow}}</span> {{difference}}<br><span class="interval">{{ci}}</span></td>{{/differences}}</tr>
    {{/rows}}
    </tbody>
    </table>
    </section>
    {{#figures}}{{> figure}}{{/figures}}

    """

    static let sweep = """
    <section class="best">
    <h2>{{bestHeading}}</h2>
    <table class="best-cell">
    <thead><tr><th>{{cellHeading}}</th>{{#paths}}<th>{{.}}</th>{{/paths}}<th>{{objectiveName}}</th><th>{{rerunHeading}}</th></tr></thead>
    <tbody>
    {{#best}}<tr class="best"><td>{{cell}}</td>{{#values}}<td>{{.}}</td>{{/values}}<td>{{mean}}</td><td class="interval">{{rerun}}</td></tr>{{/best}}
    </tbody>
    </table>
    </section>
    {{#figures}}{{> figure}}{{/figures}}
    {{#singleParameterNote}}<p class="note">{{singleParameterNote}}</p>{{/singleParameterNote}}
    <section class="cells">
    <h2>{{cellsHeading}}</h2>
    <table class="sweep-cells">
    <thead><tr><th>{{cellHeading}}</th>{{#paths}}<th>{{.}}</th>{{/paths}}<th>{{objectiveName}}</th><th>{{ciHeading}}</th></tr></thead>
    <tbody>
    {{#cells}}<tr class="{{rowClass}}"><td>{{cell}}</td>{{#values}}<td>{{.}}</td>{{/values}}<td>{{mean}}</td><td class="interval">{{ci}}</td></tr>
    {{/cells}}
    </tbody>
    </table>
    </section>

    """
}
