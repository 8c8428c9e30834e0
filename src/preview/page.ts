/** The preview page: an index of the documents beside the open document's pages. Filled by client/main.js. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factsheets preview</title>
<link rel="stylesheet" href="/preview.css">
<link rel="icon" href="data:,">
<script type="module" src="/client/main.js"></script>
</head>
<body>
<aside id="index">
  <h1>factsheets preview</h1>
  <p id="summary">Building…</p>
  <ul id="documents"></ul>
  <section id="problems" hidden>
    <h2>Problems</h2>
    <ul></ul>
  </section>
  <p id="connection" hidden>Lost the connection to the preview: is it still running?</p>
</aside>
<main id="viewer">
  <header id="document-title"></header>
  <section id="overlay" role="alert" hidden>
    <h2>This save did not build: the last good pages are shown</h2>
    <ul></ul>
  </section>
  <div id="pages"></div>
</main>
</body>
</html>
`;

export const STYLES = `
:root { font-family: system-ui, sans-serif; color: #1d2733; background: #e8ebef; }
body { margin: 0; display: grid; grid-template-columns: 18rem 1fr; height: 100vh; }
#index { overflow: auto; padding: 1rem; background: #fff; border-right: 1px solid #cdd3da; }
#index h1 { font-size: 1.1rem; margin: 0 0 .5rem; }
#index h2 { font-size: .95rem; margin: 1.2rem 0 .4rem; }
#summary { color: #4c5866; font-size: .85rem; margin: 0 0 1rem; }
#documents, #problems ul, #overlay ul { list-style: none; margin: 0; padding: 0; }
#documents li { border-left: 4px solid #7a8896; margin: 0 0 .35rem; padding: .3rem .5rem; font-size: .85rem; }
#documents li[data-status="built"] { border-color: #2f8f4e; }
#documents li[data-status="unchanged"] { border-color: #7a8896; }
#documents li[data-status="failed"] { border-color: #c2352b; background: #fdf0ef; }
#documents li[aria-current="true"] { background: #e6eef8; }
#documents a { color: inherit; font-weight: 600; text-decoration: none; display: block; }
#documents .facts { color: #4c5866; }
#documents .problem { color: #a3271f; display: block; }
#problems li { font-size: .8rem; margin: 0 0 .5rem; }
#connection { color: #a3271f; font-weight: 600; }
#viewer { overflow: auto; position: relative; }
#document-title { position: sticky; top: 0; z-index: 2; background: #e8ebef; padding: .6rem 1.5rem; font-weight: 600; }
#overlay { position: sticky; top: 2.6rem; z-index: 1; margin: 0 1.5rem; padding: .8rem 1rem; max-height: 45vh; overflow: auto;
  background: rgba(255, 244, 242, .93); border: 2px solid #c2352b; border-radius: 4px; box-shadow: 0 4px 16px rgba(0, 0, 0, .2); }
#overlay h2 { font-size: .95rem; margin: 0 0 .5rem; color: #a3271f; }
#overlay li { margin: 0 0 .6rem; }
.position { font-family: ui-monospace, monospace; font-size: .85em; display: block; }
.hint { display: block; color: #4c5866; }
#pages { display: flex; flex-direction: column; align-items: center; gap: 1rem; padding: 1rem 1.5rem 3rem; }
#pages canvas { background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, .25); }
`;
