/// The page's style sheet and script, written once here and inlined in every page.
extension HTMLPage {
  /// A light, readable page: the contents in a sticky column beside the sections on a wide
  /// screen and above them on a narrow one; in print, every section open, no contents or
  /// buttons, and no figure or finding cut across two pages.
  static let style: StaticString = """
    :root { --ink: #1f2328; --muted: #5b6570; --line: #d9dee3; --paper: #ffffff;
      --wash: #f5f7f9; --accent: #0b5cad; --error: #c62828; --warning: #b86e00;
      --note: #1f6fb4; --ok: #2e7d32; color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: var(--wash);
      font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        sans-serif; }
    .layout { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: 2rem;
      max-width: 82rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
    main { min-width: 0; }
    nav.toc { position: sticky; top: 1.5rem; align-self: start;
      max-height: calc(100vh - 3rem); overflow: auto; font-size: 0.93rem; }
    .toc-title { margin: 0 0 0.4rem 0.7rem; font-size: 0.75rem; font-weight: 600;
      letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
    nav.toc ol { list-style: none; margin: 0; padding: 0; }
    nav.toc a { display: block; padding: 0.28rem 0.7rem; border-radius: 6px;
      color: var(--ink); text-decoration: none; }
    nav.toc a:hover, nav.toc a:focus { background: #e7ecf0; color: var(--accent); }
    .controls { display: none; gap: 0.4rem; margin: 0.9rem 0.7rem; }
    .js .controls { display: flex; }
    button { font: inherit; font-size: 0.8rem; padding: 0.25rem 0.65rem; cursor: pointer;
      color: var(--ink); background: var(--paper); border: 1px solid var(--line);
      border-radius: 6px; }
    button:hover { border-color: var(--accent); color: var(--accent); }
    header.page { margin-bottom: 1.5rem; }
    .kicker { margin: 0; font-size: 0.78rem; font-weight: 600; letter-spacing: 0.08em;
      text-transform: uppercase; color: var(--accent); }
    h1 { margin: 0.15rem 0 0.25rem; font-size: 2rem; line-height: 1.2;
      overflow-wrap: anywhere; }
    .subtitle { margin: 0 0 1rem; color: var(--muted); }
    dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr));
      gap: 0.6rem; margin: 1rem 0; }
    dl.facts div { padding: 0.5rem 0.8rem; background: var(--paper);
      border: 1px solid var(--line); border-radius: 8px; }
    dl.facts dt { font-size: 0.8rem; color: var(--muted); white-space: nowrap; }
    dl.facts dd { margin: 0.1rem 0 0; font-weight: 600; font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere; }
    pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.88em; }
    code { padding: 0.05em 0.2em; background: #edf1f4; border-radius: 4px; }
    pre { margin: 0.75rem 0; padding: 0.75rem 1rem; overflow-x: auto; background: var(--paper);
      border: 1px solid var(--line); border-radius: 8px; }
    pre code { padding: 0; background: none; }
    details.section { margin: 1.1rem 0; background: var(--paper); border: 1px solid var(--line);
      border-radius: 10px; box-shadow: 0 1px 2px rgba(31, 35, 40, 0.05); }
    details.section > summary { display: flex; align-items: baseline; gap: 0.7rem;
      padding: 0.85rem 1.25rem; cursor: pointer; list-style: none; }
    details.section > summary::-webkit-details-marker { display: none; }
    details.section > summary::before { content: "\\25B8"; display: inline-block;
      color: var(--muted); transition: transform 0.15s; }
    details.section[open] > summary::before { transform: rotate(90deg); }
    details.section > summary:hover h2 { color: var(--accent); }
    summary h2 { margin: 0; font-size: 1.2rem; }
    summary .note { color: var(--muted); font-size: 0.9rem; }
    .section-body { padding: 0 1.25rem 1.25rem; }
    .lead { max-width: 50rem; margin: 0 0 0.75rem; color: var(--muted); }
    .command { margin: 0.5rem 0; font-size: 0.85rem; color: var(--muted); }
    .problem { padding: 0.5rem 0.8rem; color: var(--error); background: #fdf1f1;
      border-radius: 6px; }
    figure { margin: 1rem 0; text-align: center; overflow-x: auto; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { margin-top: 0.3rem; font-size: 0.85rem; color: var(--muted); }
    .tally { margin: 0 0 0.8rem; font-weight: 600; }
    ol.findings { display: grid; gap: 0.7rem; margin: 0; padding: 0; list-style: none; }
    .finding { padding: 0.7rem 1rem; background: #fbfcfd; border: 1px solid var(--line);
      border-left: 5px solid var(--note); border-radius: 8px; }
    .finding.error { border-left-color: var(--error); }
    .finding.warning { border-left-color: var(--warning); }
    .finding.clear { border-left-color: var(--ok); }
    .finding p { margin: 0.35rem 0; }
    .badge { display: inline-block; padding: 0.05rem 0.55rem; font-size: 0.72rem;
      font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: #ffffff;
      background: var(--note); border-radius: 999px; }
    .badge.error { background: var(--error); }
    .badge.warning { background: var(--warning); }
    .badge.clear { background: var(--ok); }
    .finding .code, .finding .layer { margin-left: 0.5rem; font-size: 0.85rem;
      color: var(--muted); }
    ul.evidence { display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0.4rem 0; padding: 0;
      list-style: none; }
    ul.evidence li { padding: 0.05rem 0.55rem; font-size: 0.8rem;
      font-variant-numeric: tabular-nums; background: var(--wash);
      border: 1px solid var(--line); border-radius: 999px; }
    .suggestion strong { color: var(--ink); }
    .checks { margin: 0.9rem 0 0; font-size: 0.85rem; color: var(--muted); }
    .checks ul { margin: 0.2rem 0; padding-left: 1.2rem; }
    footer { margin-top: 2rem; font-size: 0.85rem; text-align: center; color: var(--muted); }
    @media (max-width: 60rem) {
      .layout { display: block; padding: 1rem; }
      nav.toc { position: static; max-height: none; margin-bottom: 1rem; }
      nav.toc ol { display: flex; flex-wrap: wrap; gap: 0.2rem; }
    }
    @media print {
      body { background: #ffffff; font-size: 10.5pt; }
      .layout { display: block; max-width: none; padding: 0; }
      nav.toc, .controls { display: none !important; }
      details.section { margin: 0 0 1rem; border: none; box-shadow: none; }
      details.section > summary { padding: 0.3rem 0; }
      details.section > summary::before { content: none; }
      details.section::details-content { content-visibility: visible; display: block; }
      .section-body { padding: 0; }
      figure, .finding, dl.facts div, pre { break-inside: avoid; page-break-inside: avoid; }
      summary, h1, h2 { break-after: avoid; page-break-after: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    """

  /// Opens and folds every section (the buttons), opens a section its contents link names,
  /// and opens every section for printing, folding back afterwards. When it has run it marks
  /// the page (`data-script="ran"` on the root element), and an error anywhere on the page
  /// marks it too (`data-script-error`): a check can read both without a debugger. Opened as
  /// `#check`, it also runs each of its handlers once, so that the check covers them.
  static let script: StaticString = """
    (function () {
      "use strict";
      var root = document.documentElement;
      window.addEventListener("error", function (event) {
        root.setAttribute("data-script-error", String(event.message));
      });
      root.classList.add("js");
      function sections() {
        return Array.prototype.slice.call(document.querySelectorAll("details.section"));
      }
      function openAll(open) {
        sections().forEach(function (section) { section.open = open; });
      }
      function onClick(id, handler) {
        var button = document.getElementById(id);
        if (button) { button.addEventListener("click", handler); }
      }
      onClick("expand-all", function () { openAll(true); });
      onClick("collapse-all", function () { openAll(false); });
      Array.prototype.forEach.call(document.querySelectorAll("nav a"), function (link) {
        link.addEventListener("click", function () {
          var target = document.getElementById(link.getAttribute("href").slice(1));
          if (target) { target.open = true; }
        });
      });
      var wasOpen = [];
      window.addEventListener("beforeprint", function () {
        wasOpen = sections().map(function (section) { return section.open; });
        openAll(true);
      });
      window.addEventListener("afterprint", function () {
        sections().forEach(function (section, i) {
          if (i in wasOpen) { section.open = wasOpen[i]; }
        });
      });
      if (window.location.hash === "#check") {
        ["collapse-all", "expand-all"].forEach(function (id) {
          var button = document.getElementById(id);
          if (button) { button.click(); }
        });
        var first = document.querySelector("nav a");
        if (first) { first.click(); }
        window.dispatchEvent(new Event("beforeprint"));
        window.dispatchEvent(new Event("afterprint"));
        window.scrollTo(0, 0);
      }
      root.setAttribute("data-script", "ran");
    })();
    """
}
