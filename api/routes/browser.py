"""What Neo4j Browser fetches from the API: the GraSS style and a guide of the canned queries.

In Browser:  `:style http://127.0.0.1:8000/browser/style.grass`  and
`:play http://127.0.0.1:8000/browser/guide`. Browser fetches both from the page, so the
API allows Browser's origin (CORS, in api/main.py), and Neo4j lets Browser load remote
content only from the hosts in `browser.remote_content_hostname_whitelist`.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from actorgraph.queries import CannedQuery, catalogue
from cypher import BROWSER_STYLE

router = APIRouter(prefix="/browser", tags=["browser"])


@router.get(
    "/style.grass",
    summary="The Neo4j Browser style (GraSS)",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {}}}, 404: {"description": "No style file"}},
)
async def browser_style() -> PlainTextResponse:
    """A colour and a caption for every label the loader writes. Load it in Browser with
    `:style http://127.0.0.1:8000/browser/style.grass`."""
    try:
        text = BROWSER_STYLE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="no style file in the package") from None
    return PlainTextResponse(text)


def query_slide(query: CannedQuery) -> str:
    """One slide: what the query answers, its parameters, and two runnable blocks, each put
    in Browser's editor by a click: the `:param` line, then the query. Run together, Browser
    shows them as a collapsed list that says only SUCCESS, with the rows out of sight."""
    params = "".join(
        f"<li><code>{escape(p.name)}</code> ({escape(p.type)}"
        f"{'' if p.required else ', optional'}): {escape(p.description)}</li>"
        for p in query.parameters
    )
    shows = "draws the graph" if query.view == "graph" else "shows the rows"
    return f"""
<slide class="row-fluid" data-query="{escape(query.name)}" data-view="{escape(query.view)}">
  <div class="col-sm-3">
    <h3>{escape(query.title)}</h3>
    <p class="lead"><code>{escape(query.name)}</code></p>
    <p>{escape(query.description)}</p>
  </div>
  <div class="col-sm-9">
    <p>Parameters:</p>
    <ul>{params or "<li>none</li>"}</ul>
    <p>1. Click to put the parameters in the editor, edit them if you like, and run them
    (Ctrl+Enter):</p>
    <figure>
      <pre class="pre-scrollable code runnable">{escape(browser_params_line(query))}</pre>
    </figure>
    <p>2. Click the query and run it: it {shows}. The file is
    <code>cypher/queries/{escape(query.path.name)}</code>; the API runs it at
    <code>GET /queries/{escape(query.name)}</code>.</p>
    <figure>
      <pre class="pre-scrollable code runnable">{escape(query.cypher)}</pre>
    </figure>
  </div>
</slide>"""


def browser_params_line(query: CannedQuery) -> str:
    """The `:param {…}` line alone: with its `;` Browser would run it as one statement of
    several, in the collapsed list."""
    return query.browser_params.removesuffix(";").rstrip()


def guide_html(style_url: str) -> str:
    """The Browser guide, built from the canned-query files each time, so it cannot drift."""
    queries = list(catalogue().values())
    listing = "".join(f"<li><code>{escape(q.name)}</code>: {escape(q.title)}</li>" for q in queries)
    slides = "".join(query_slide(q) for q in queries)
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>actorgraph: the canned queries</title></head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>actorgraph</h3>
    <p class="lead">Political actors and their interactions, each fact backed by a
    verbatim quote.</p>
  </div>
  <div class="col-sm-9">
    <p>First load the style, which gives each label its colour and caption:</p>
    <figure><pre class="pre-scrollable code runnable">:style {escape(style_url)}</pre></figure>
    <p>Then each slide holds one canned query ({len(queries)} in all): run its parameters,
    then the query. Those marked <em>drawn</em> open in Browser's graph view. Every query
    reads the live generation of the graph, named by
    <code>(:Dataset {{id: 'current'}})</code>.</p>
    <ol>{listing}</ol>
  </div>
</slide>{slides}
</carousel>
</article>
</body>
</html>
"""


@router.get(
    "/guide",
    summary="A Neo4j Browser guide to the canned queries",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}}},
)
async def browser_guide(request: Request) -> HTMLResponse:
    """Every canned query as a slide whose text, clicked, goes to the editor with its
    `:param` line. Play it in Browser with `:play http://127.0.0.1:8000/browser/guide`."""
    return HTMLResponse(guide_html(str(request.url_for("browser_style"))))
