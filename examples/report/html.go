package main

import (
	"fmt"
	"html/template"
	"io"
	"math"
)

// puOr is ColorBrewer's 11-class PuOr diverging scheme, which readers with
// the common colour-vision deficiencies still tell apart: orange for
// hostile (−1), purple for sympathetic (+1), near white for 0.
var puOr = [11][3]float64{
	{0x7f, 0x3b, 0x08}, {0xb3, 0x58, 0x06}, {0xe0, 0x82, 0x14}, {0xfd, 0xb8, 0x63}, {0xfe, 0xe0, 0xb6},
	{0xf7, 0xf7, 0xf7},
	{0xd8, 0xda, 0xeb}, {0xb2, 0xab, 0xd2}, {0x80, 0x73, 0xac}, {0x54, 0x27, 0x88}, {0x2d, 0x00, 0x4b},
}

// colour is the fill for a score in [−1, 1] (interpolated between the
// scheme's classes, so close scores look close) and the ink that reads on
// it.
func colour(score float64) (fill, ink string) {
	if math.IsNaN(score) {
		score = 0
	}
	t := (max(-1, min(1, score)) + 1) / 2 * 10
	i := min(int(t), 9)
	f := t - float64(i)
	var c [3]float64
	for k := range c {
		c[k] = puOr[i][k] + f*(puOr[i+1][k]-puOr[i][k])
	}
	fill = fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0])), int(math.Round(c[1])), int(math.Round(c[2])))
	// Relative luminance (sRGB, roughly): dark fills take white ink.
	lum := (0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]) / 255
	if lum < 0.5 {
		return fill, "#ffffff"
	}
	return fill, "#1a1a1a"
}

func legend() []legendStop {
	var out []legendStop
	for k := -4; k <= 4; k++ {
		s := float64(k) / 4
		f, i := colour(s)
		out = append(out, legendStop{Score: signed(s), Fill: f, Ink: i})
	}
	return out
}

func render(w io.Writer, p page) error {
	return pageTmpl.Execute(w, p)
}

// pairArg hands the pair template a pair and its rank, the first being
// the one that differs most.
type pairArg struct {
	I int
	P pairView
}

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"pairAt": func(i int, p pairView) pairArg { return pairArg{i, p} },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<script>
// Errors of the page's script go into the page itself, so that a check
// in a headless browser sees them in the DOM.
window.pageErrors = [];
function showErrors() {
  var el = document.getElementById('js-errors');
  if (!el) return;
  el.textContent = window.pageErrors.join('\n');
  el.setAttribute('data-count', String(window.pageErrors.length));
  el.hidden = window.pageErrors.length === 0;
}
window.addEventListener('error', function (e) { window.pageErrors.push('Uncaught ' + e.message); showErrors(); });
(function () {
  var orig = console.error;
  console.error = function () {
    window.pageErrors.push(Array.prototype.join.call(arguments, ' '));
    showErrors();
    return orig.apply(console, arguments);
  };
})();
</script>
<style>
:root { --ink: #1a1a1a; --muted: #666; --rule: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #fafafa; }
main { max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; max-width: 60em; }
nav a { margin-right: 14px; }
.legend { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 14px; margin: 8px 0; font-size: 13px; }
.scale { display: inline-flex; border: 1px solid #bbb; }
.scale span { display: inline-block; width: 46px; text-align: center; font-size: 12px; padding: 2px 0; }
.heatwrap { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.scroll { overflow-x: auto; max-width: 100%; background: #fff; border: 1px solid var(--rule); padding: 8px; }
.key { flex: 1 1 300px; padding: 4px 14px 8px; background: #fff; border: 1px solid var(--rule); font-size: 14px; }
.key h3 { margin: 6px 0; }
.key ul { list-style: none; margin: 0; padding: 0; }
.key li { margin: 0 0 6px; }
.key .meta { color: var(--muted); font-size: 12px; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
svg .lbl { font-size: 13px; }
svg .n { fill: var(--muted); font-size: 11px; }
.voices { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; align-items: start; }
.voices figure { margin: 0; background: #fff; border: 1px solid var(--rule); padding: 8px 10px; }
.voices figcaption { font-weight: 600; margin-bottom: 4px; }
.chip { display: inline-block; padding: 0 6px; border-radius: 3px; font-variant-numeric: tabular-nums; font-weight: 600; }
.contrast { background: #fff; border: 1px solid var(--rule); padding: 8px 12px 12px; margin-bottom: 14px; }
.contrast h3 { margin-top: 4px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; border-top: 1px dashed var(--rule); padding-top: 8px; margin-top: 8px; }
.pair.top { border-top: 0; }
.pair .diff { grid-column: 1 / -1; font-size: 13px; color: var(--muted); }
.side { font-size: 14px; }
.side .who { margin-bottom: 4px; }
.side ul { margin: 4px 0 0; padding-left: 18px; }
.side li { margin: 2px 0; }
.ev { color: var(--muted); font-size: 13px; }
.ev code, .side-list code { font-size: 12px; background: #f1f1f1; padding: 0 3px; border-radius: 2px; }
mark { border-radius: 2px; padding: 0 1px; box-shadow: inset 0 -1px 0 #8a8a8a; }
mark.lit { outline: 2px solid #000; }
details summary { cursor: pointer; color: #2a5db0; margin-top: 8px; }
.doc { display: grid; grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr); gap: 16px; background: #fff; border: 1px solid var(--rule); padding: 10px 14px; margin-bottom: 16px; }
.doc header { grid-column: 1 / -1; }
.doc .meta { color: var(--muted); font-size: 13px; }
.doc .text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; }
.side-list { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.side-list li { border-bottom: 1px solid #eee; padding: 4px 0; cursor: default; }
.side-list .name { font-weight: 600; }
#js-errors { color: #b00; white-space: pre-wrap; }
@media (max-width: 800px) { .pair, .doc { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="note">{{.NArticles}} articles, {{.NActors}} actors. Scores run from −1 (the text is hostile to the actor) to +1 (sympathetic); they are the model's reading, not a fact about the actor.</p>
<pre id="js-errors" hidden data-count="0"></pre>
<nav><a href="#heatmap">Heatmap</a><a href="#voices">Voices</a><a href="#contrast">Contrasts</a><a href="#articles">Articles</a></nav>

<div class="legend" aria-label="legend">
<span>Score:</span>
<span class="scale">{{range .Legend}}<span style="background: {{.Fill}}; color: {{.Ink}}">{{.Score}}</span>{{end}}</span>
<span>hostile ← → sympathetic</span>
<span><b>P</b> protagonist · <b>A</b> antagonist · <b>I</b> innocent (victim) · <b>N</b> neutral</span>
</div>

<h2 id="heatmap">Actors × articles</h2>
<p class="note">One row per actor, most mentioned first (mentions over all articles in grey); a cell is the actor's score in that article and its role. Hover for the fine frame; click to read the article.</p>
<div class="heatwrap">
<div class="scroll">
<svg id="heat" width="{{.Heat.W}}" height="{{.Heat.H}}" viewBox="0 0 {{.Heat.W}} {{.Heat.H}}" role="img" aria-label="heatmap of actor scores by article">
{{range .Heat.Cols}}<a href="#{{.Anchor}}" data-heat-col="{{.Label}}"><title>{{.Full}}</title><text x="{{.CX}}" y="20" text-anchor="middle" class="lbl">{{.Label}}</text></a>
{{end}}{{range .Heat.Rows}}{{$r := .}}<g data-heat-row="{{.Actor}}">
<text x="{{$.Heat.LabelX}}" y="{{.TY}}" text-anchor="end" class="lbl">{{.Actor}} <tspan class="n">{{.Mentions}}</tspan></text>
{{range .Cells}}{{if .Present}}<a href="#{{.Anchor}}"><rect data-heat-cell data-doc="{{.Doc}}" data-score="{{.Score}}" x="{{.X}}" y="{{$r.Y}}" width="{{$.Heat.CellW}}" height="{{$.Heat.CellH}}" fill="{{.Fill}}" stroke="#fff"><title>{{.Tip}}</title></rect><text x="{{.CX}}" y="{{$r.TY}}" text-anchor="middle" fill="{{.Ink}}" pointer-events="none">{{.Text}}</text></a>{{else}}<rect x="{{.X}}" y="{{$r.Y}}" width="{{$.Heat.CellW}}" height="{{$.Heat.CellH}}" fill="#f0f0f0"/><text x="{{.CX}}" y="{{$r.TY}}" text-anchor="middle" fill="#aaa">·</text>{{end}}
{{end}}</g>
{{end}}</svg>
</div>
<div class="key">
<h3>Articles</h3>
<ul>{{range .Heat.Cols}}<li><a href="#{{.Anchor}}"><b>{{.Label}}</b></a> {{if .Headline}}{{.Headline}}{{else}}{{.ID}}{{end}}<div class="meta">{{if .Outlet}}{{.Outlet}} · {{end}}{{if .Date}}{{.Date}} · {{end}}{{.Actors}} actors</div></li>
{{end}}</ul>
{{if .Contrasts}}<h3>Where they differ most</h3>
<ul>{{range $i, $c := .Contrasts}}{{if lt $i 8}}<li><a href="#{{$c.Anchor}}"><b>{{$c.Actor}}</b></a>: {{$c.Top}}</li>
{{end}}{{end}}</ul>{{end}}
</div>
</div>

<h2 id="voices">Voices</h2>
<p class="note">For each actor that a quoted source speaks of: its frame in the author's own words and in each source's, article by article. Bars run left for hostile, right for sympathetic.</p>
<div class="voices">
{{range .Voices}}{{$b := .}}<figure data-voice-actor="{{.Actor}}"><figcaption>{{.Actor}}</figcaption>
<svg width="{{.W}}" height="{{.H}}" viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="{{.Actor}} by voice">
<line x1="{{.Axis}}" x2="{{.Axis}}" y1="0" y2="{{.H}}" stroke="#999"/>
{{range .Bars}}<g data-voice-bar><title>{{.Tip}}</title><text x="{{$b.LabelX}}" y="{{.TY}}" text-anchor="end"{{if .Author}} font-weight="600"{{end}}>{{.Label}}</text><rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="16" fill="{{.Fill}}" stroke="#888" stroke-width="0.5"/><text x="{{.TX}}" y="{{.TY}}" text-anchor="{{.TAnchor}}">{{.Text}}</text></g>
{{end}}</svg></figure>
{{end}}</div>

<h2 id="contrast">Contrasts</h2>
<p class="note">For each actor that two articles, or two voices, frame differently: every such pair, the most different first, with the sentences that carry each frame (the strongest mentions of that sign; hover for their features) and the features of those mentions that pushed that way.</p>
{{range .Contrasts}}<section class="contrast" id="{{.Anchor}}" data-contrast-actor="{{.Actor}}">
<h3>{{.Actor}}</h3><div class="note">{{.Summary}}</div>
{{range $i, $p := .Pairs}}{{template "pair" (pairAt $i $p)}}{{end}}
{{if .More}}<details><summary>{{len .More}} more pairs</summary>{{range .More}}{{template "pair" (pairAt 1 .)}}{{end}}</details>{{end}}
{{if .Omitted}}<p class="note">{{.Omitted}} more pairs are in the output of <code>-json</code>.</p>{{end}}
</section>
{{else}}<p>No actor is framed differently by these articles.</p>
{{end}}

<h2 id="articles">Articles</h2>
<p class="note">Each actor mention is coloured by its own score; hover for the actor, the voice and the features that moved it.</p>
{{range .Docs}}<article class="doc" id="{{.Anchor}}" data-doc="{{.ID}}">
<header><h3>{{.ID}}{{if .Headline}} — {{.Headline}}{{end}}</h3>{{if or .Outlet .Date}}<div class="meta">{{.Outlet}}{{if and .Outlet .Date}} · {{end}}{{.Date}}</div>{{end}}</header>
<div class="text">{{range .Segs}}{{if .Actor}}<mark data-actor="{{.Actor}}" style="background: {{.Fill}}; color: {{.Ink}}" title="{{.Tip}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</div>
<ul class="side-list">{{range .Side}}<li data-actor="{{.Actor}}"><span class="name">{{.Actor}}</span> <span class="chip" style="background: {{.Fill}}; color: {{.Ink}}">{{.Score}}</span> {{.Role}} · {{.Mentions}}×{{if .Voices}}<div>{{range $i, $v := .Voices}}{{if $i}}; {{end}}{{$v}}{{end}}</div>{{end}}{{if .Evidence}}<div>{{range .Evidence}}<code>{{.}}</code> {{end}}</div>{{end}}</li>
{{end}}</ul>
</article>
{{end}}
</main>
<script>
document.addEventListener('DOMContentLoaded', function () {
  showErrors();
  // Pointing at an actor, in the text or in the list beside it, outlines
  // all its mentions in that article.
  document.querySelectorAll('article.doc').forEach(function (doc) {
    function light(actor) {
      doc.querySelectorAll('mark[data-actor]').forEach(function (m) {
        m.classList.toggle('lit', actor !== null && m.getAttribute('data-actor') === actor);
      });
    }
    doc.addEventListener('mouseover', function (e) {
      var t = e.target.closest('[data-actor]');
      light(t ? t.getAttribute('data-actor') : null);
    });
    doc.addEventListener('mouseleave', function () { light(null); });
  });
  document.body.setAttribute('data-ready', '1');
});
</script>
</body>
</html>
{{define "pair"}}<div class="pair{{if eq .I 0}} top{{end}}" data-pair-a="{{.P.DataA}}" data-pair-b="{{.P.DataB}}">
<div class="diff">{{if eq .I 0}}<b>Differs most:</b> {{end}}scores {{.P.Diff}} apart{{if .P.Opposed}}; one side's protagonist is the other's antagonist{{end}}</div>
{{template "side" .P.A}}{{template "side" .P.B}}
</div>{{end}}
{{define "side"}}<div class="side"><div class="who"><a href="#{{.Anchor}}">{{.Doc}}</a>, in the words of {{.Voice}}: <span class="chip" style="background: {{.Fill}}; color: {{.Ink}}">{{.Score}}</span> {{.Role}}</div>
<ul>{{range .Phrases}}<li>{{.Before}}<mark style="background: {{.Fill}}; color: {{.Ink}}" title="{{.Tip}}">{{.Mention}}</mark>{{.After}}</li>{{end}}</ul>
{{if .Evidence}}<div class="ev">features: {{range .Evidence}}<code>{{.}}</code> {{end}}</div>{{end}}</div>{{end}}
`))
