package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/actorframe/actorframe/stance"
)

// page is everything the template shows; the template only lays it out.
type page struct {
	Title     string
	NArticles int
	NActors   int
	Legend    []legendStop
	Heat      heatmap
	Voices    []voiceBlock
	Contrasts []contrastView
	Docs      []docView
}

// Geometry of the heatmap, in SVG user units (CSS pixels).
const (
	heatLabelW = 190
	heatCellW  = 74
	heatCellH  = 24
	heatHeadH  = 30
)

type heatmap struct {
	W, H         int
	LabelX       int // right edge of the actor names
	CellW, CellH int // a cell's rectangle, less a white gap
	Cols         []heatCol
	Rows         []heatRow
}

type heatCol struct {
	X, CX    int
	Label    string // short, fits a cell
	Full     string // id and headline, on hover
	Anchor   string
	ID       string
	Headline string
	Outlet   string
	Date     string
	Actors   int
}

type heatRow struct {
	Y, TY    int
	Actor    string
	Mentions int
	Docs     int
	Cells    []heatCell
}

type heatCell struct {
	X, CX   int
	Present bool
	Doc     string
	Anchor  string
	Score   string
	Fill    string
	Ink     string
	Text    string // role letter and score
	Tip     string
}

type legendStop struct {
	Score string
	Fill  string
	Ink   string
}

// voiceBlock is one actor's frame in every voice that mentions it.
type voiceBlock struct {
	Actor  string
	LabelX int // right edge of the voice names
	W, H   int
	Axis   int // x of score 0
	Bars   []voiceBar
}

type voiceBar struct {
	Y, TY   int
	Label   string
	Author  bool
	X, W    int // the bar from 0 to the score
	TX      int // score text, beyond the bar's end
	TAnchor string
	Fill    string
	Text    string
	Tip     string
}

// Geometry of a voice block.
const (
	voiceLabelW = 190
	voiceHalf   = 120 // pixels from score 0 to ±1
	voiceRowH   = 20
)

type contrastView struct {
	Anchor  string
	Top     string // the pair that differs most, in one line
	Actor   string
	Kind    string
	Summary string
	Pairs   []pairView
	More    []pairView // further pairs, folded
	Omitted int        // pairs not shown at all
}

type pairView struct {
	Diff     string
	Opposed  bool
	DataA    string
	DataB    string
	A, B     sideView
	Headline string
}

type sideView struct {
	Doc      string
	Anchor   string
	Voice    string
	Score    string
	Fill     string
	Ink      string
	Role     string
	Phrases  []phraseView
	Evidence []string
}

type phraseView struct {
	Before, Mention, After string
	Fill, Ink              string
	Tip                    string
}

type docView struct {
	ID       string
	Anchor   string
	Outlet   string
	Date     string
	Headline string
	Segs     []seg
	Side     []sideActor
}

// seg is a stretch of article text, a mention when Actor is set.
type seg struct {
	Text  string
	Actor string
	Fill  string
	Ink   string
	Tip   string
}

type sideActor struct {
	Actor    string
	Score    string
	Fill     string
	Ink      string
	Role     string
	Mentions int
	Voices   []string
	Evidence []string
}

func buildPage(title string, m *stance.Model, arts []article, docs []stance.LabeledReport, maxActors int) page {
	p := page{Title: title, NArticles: len(docs), Legend: legend()}
	ev := mentionEvidence(m, arts, docs)
	p.Heat, p.NActors = buildHeatmap(arts, docs, maxActors)
	p.Voices = buildVoices(docs, p.Heat.Rows)
	p.Contrasts = buildContrasts(arts, docs, ev)
	for i, d := range docs {
		p.Docs = append(p.Docs, buildDoc(i, arts[i], d, ev[i]))
	}
	return p
}

func anchor(i int) string { return fmt.Sprintf("doc-%d", i+1) }

// shortLabels gives each article a label that fits a heatmap cell: the
// part of the id before the first "_" when that keeps the ids apart (the
// seed articles are 000_…, 001_…), else the id clipped.
func shortLabels(docs []stance.LabeledReport) []string {
	labels := make([]string, len(docs))
	seen := map[string]bool{}
	unique := true
	for i, d := range docs {
		l, _, _ := strings.Cut(d.ID, "_")
		if l == "" || seen[l] {
			unique = false
		}
		seen[l] = true
		labels[i] = l
	}
	for i, d := range docs {
		if !unique {
			labels[i] = d.ID
		}
		labels[i] = clip(labels[i], 9)
	}
	return labels
}

// salience is an actor's weight across the articles.
type salience struct {
	name     string
	mentions int
	docs     int
	first    int
}

// bySalience lists the actors of docs, most mentioned first; ties go to the
// actor in more articles, then to the one met first, so the order is stable.
func bySalience(docs []stance.LabeledReport) []salience {
	idx := map[string]int{}
	var out []salience
	for _, d := range docs {
		for _, a := range d.Report.Actors {
			i, ok := idx[a.Actor]
			if !ok {
				i = len(out)
				idx[a.Actor] = i
				out = append(out, salience{name: a.Actor, first: i})
			}
			out[i].mentions += len(a.MentionList)
			out[i].docs++
		}
	}
	slices.SortStableFunc(out, func(a, b salience) int {
		if c := cmp.Compare(b.mentions, a.mentions); c != 0 {
			return c
		}
		if c := cmp.Compare(b.docs, a.docs); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	return out
}

func buildHeatmap(arts []article, docs []stance.LabeledReport, maxActors int) (heatmap, int) {
	labels := shortLabels(docs)
	h := heatmap{W: heatLabelW + len(docs)*heatCellW + 8, LabelX: heatLabelW - 8, CellW: heatCellW - 2, CellH: heatCellH - 2}
	for i, d := range docs {
		x := heatLabelW + i*heatCellW
		full := d.ID
		if hl := headline(arts[i].Text, 160); hl != "" {
			full += " — " + hl
		}
		h.Cols = append(h.Cols, heatCol{X: x, CX: x + heatCellW/2, Label: labels[i], Full: full, Anchor: anchor(i),
			ID: d.ID, Headline: headline(arts[i].Text, 110), Outlet: d.Outlet, Date: d.Date, Actors: len(d.Report.Actors)})
	}
	all := bySalience(docs)
	rows := all[:min(len(all), maxActors)]
	for r, s := range rows {
		y := heatHeadH + r*heatCellH
		row := heatRow{Y: y, TY: y + heatCellH/2 + 4, Actor: s.name, Mentions: s.mentions, Docs: s.docs}
		for i, d := range docs {
			x := heatLabelW + i*heatCellW
			c := heatCell{X: x, CX: x + heatCellW/2, Doc: d.ID, Anchor: anchor(i)}
			if a, ok := d.Report.Actor(s.name); ok {
				c.Present = true
				c.Score = fmt.Sprintf("%.3f", a.Score)
				c.Fill, c.Ink = colour(a.Score)
				c.Text = roleLetter(fmt.Sprint(a.Role)) + " " + signed(a.Score)
				c.Tip = fmt.Sprintf("%s in %s: %s, %s%s, %d mentions", s.name, d.ID, signed(a.Score), fmt.Sprint(a.Role), fine(fmt.Sprint(a.FineRole)), len(a.MentionList))
			}
			row.Cells = append(row.Cells, c)
		}
		h.Rows = append(h.Rows, row)
	}
	h.H = heatHeadH + len(rows)*heatCellH + 4
	return h, len(all)
}

// headline is the first line of a text, clipped to n runes: the title
// where the text starts with one, else the start of the lead.
func headline(text string, n int) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return clip(strings.TrimSpace(line), n)
}

func fine(f string) string {
	if f == "" {
		return ""
	}
	return " (" + f + ")"
}

// roleLetter marks a role in a heatmap cell; the legend spells them out.
func roleLetter(role string) string {
	switch role {
	case fmt.Sprint(stance.Protagonist):
		return "P"
	case fmt.Sprint(stance.Antagonist):
		return "A"
	case fmt.Sprint(stance.Innocent):
		return "I"
	}
	return "N"
}

// signed formats a score with a true minus sign, two decimals.
func signed(x float64) string {
	s := fmt.Sprintf("%+.2f", x)
	if s == "-0.00" {
		s = "+0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// voiceLabel names a voice for a reader.
func voiceLabel(v string) string {
	if v == stance.AuthorVoice.String() {
		return "the author"
	}
	return v + " (quoted)"
}

func buildVoices(docs []stance.LabeledReport, rows []heatRow) []voiceBlock {
	labels := shortLabels(docs)
	var out []voiceBlock
	for _, r := range rows {
		type line struct {
			label  string
			author bool
			f      stance.Frame
		}
		var lines []line
		quoted := false
		for i, d := range docs {
			a, ok := d.Report.Actor(r.Actor)
			if !ok {
				continue
			}
			if a.Author != nil && a.Author.Mentions > 0 {
				lines = append(lines, line{labels[i] + " · the author", true, *a.Author})
			}
			for _, s := range a.Sources {
				if s.Mentions > 0 {
					quoted = true
					lines = append(lines, line{labels[i] + " · " + fmt.Sprint(s.Source), false, s.Frame})
				}
			}
		}
		// An actor only the authors speak of is all in the heatmap already.
		if !quoted {
			continue
		}
		b := voiceBlock{Actor: r.Actor, LabelX: voiceLabelW - 4, W: voiceLabelW + 2*voiceHalf + 130, Axis: voiceLabelW + 66 + voiceHalf}
		b.H = len(lines)*voiceRowH + 8
		for k, l := range lines {
			y := 4 + k*voiceRowH
			w := int(math.Round(math.Abs(l.f.Score) * voiceHalf))
			bar := voiceBar{Y: y, TY: y + voiceRowH/2 + 4, Label: clip(l.label, 30), Author: l.author, W: max(w, 1)}
			bar.Fill, _ = colour(l.f.Score)
			bar.Text = roleLetter(fmt.Sprint(l.f.Role)) + " " + signed(l.f.Score)
			if l.f.Score < 0 {
				bar.X, bar.TX, bar.TAnchor = b.Axis-bar.W, b.Axis-bar.W-4, "end"
			} else {
				bar.X, bar.TX, bar.TAnchor = b.Axis, b.Axis+bar.W+4, "start"
			}
			bar.Tip = fmt.Sprintf("%s, %s: %s, %s%s, %d mentions", r.Actor, l.label, signed(l.f.Score), fmt.Sprint(l.f.Role), fine(fmt.Sprint(l.f.FineRole)), l.f.Mentions)
			b.Bars = append(b.Bars, bar)
		}
		out = append(out, b)
	}
	return out
}

// Pairs of one actor shown open; the next foldedPairs fold away, and any
// beyond are left to -json, so that a large corpus gives a page a browser
// still opens.
const (
	openPairs   = 8
	foldedPairs = 40
)

func buildContrasts(arts []article, docs []stance.LabeledReport, ev []map[[2]int][]stance.Evidence) []contrastView {
	docIdx := map[string]int{}
	for i, d := range docs {
		docIdx[d.ID] = i
	}
	var out []contrastView
	for _, c := range stance.Contrast(docs) {
		cv := contrastView{Anchor: fmt.Sprintf("contrast-%d", len(out)+1), Actor: c.Actor, Kind: string(c.Kind)}
		top := c.Pairs[0]
		cv.Top = fmt.Sprintf("%s %s %s against %s %s %s", shortID(top.A.Doc), shortVoice(top.A.Voice.String()), signed(top.A.Score),
			shortID(top.B.Doc), shortVoice(top.B.Voice.String()), signed(top.B.Score))
		cv.Summary = fmt.Sprintf("%d %s, %d mentions; %d %s of frames differ by %.2f or more",
			c.Documents, plural(c.Documents, "article", "articles"), c.Mentions, len(c.Pairs), plural(len(c.Pairs), "pair", "pairs"), stance.ContrastMinDiff)
		// The pair that differs most leads; the others follow in article
		// order, so that a reader comparing two articles finds their pair.
		pairs := slices.Clone(c.Pairs)
		slices.SortStableFunc(pairs[1:], func(x, y stance.FramePair) int {
			xi, xj := docIdx[x.A.Doc], docIdx[x.B.Doc]
			yi, yj := docIdx[y.A.Doc], docIdx[y.B.Doc]
			if c := cmp.Compare(min(xi, xj), min(yi, yj)); c != 0 {
				return c
			}
			return cmp.Compare(max(xi, xj), max(yi, yj))
		})
		for k, pr := range pairs {
			pv := pairView{Diff: fmt.Sprintf("%.2f", pr.Diff), Opposed: pr.OpposedRoles,
				DataA: pr.A.Doc + ":" + pr.A.Voice.String(), DataB: pr.B.Doc + ":" + pr.B.Voice.String()}
			pv.A = buildSide(pr.A, arts, docIdx, ev)
			pv.B = buildSide(pr.B, arts, docIdx, ev)
			switch {
			case k < openPairs:
				cv.Pairs = append(cv.Pairs, pv)
			case k < openPairs+foldedPairs:
				cv.More = append(cv.More, pv)
			default:
				cv.Omitted++
			}
		}
		out = append(out, cv)
	}
	return out
}

// shortID is an article's id up to its first "_", as in the heatmap's
// columns of the seeds.
func shortID(id string) string {
	if l, _, _ := strings.Cut(id, "_"); l != "" {
		return clip(l, 12)
	}
	return clip(id, 12)
}

func shortVoice(v string) string {
	if v == stance.AuthorVoice.String() {
		return "author"
	}
	return clip(v, 24)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func buildSide(v stance.VoiceFrame, arts []article, docIdx map[string]int, ev []map[[2]int][]stance.Evidence) sideView {
	i := docIdx[v.Doc]
	s := sideView{Doc: v.Doc, Anchor: anchor(i), Voice: voiceLabel(v.Voice.String()), Score: signed(v.Score), Role: v.Role.String() + fine(v.FineRole.String())}
	s.Fill, s.Ink = colour(v.Score)
	text := arts[i].Text
	for _, ph := range v.Phrases {
		pv := phraseView{}
		pv.Before, pv.Mention, pv.After = splitSentence(text, ph)
		pv.Fill, pv.Ink = colour(ph.Score)
		pv.Tip = mentionTip(ph.Text, signed(ph.Score), ev[i][[2]int{ph.Start, ph.End}])
		s.Phrases = append(s.Phrases, pv)
	}
	evs := phraseEvidence(v, ev[i])
	if len(evs) == 0 {
		// Contrast's own evidence is the actor's in the whole article.
		evs = v.Evidence
	}
	for _, e := range evs {
		s.Evidence = append(s.Evidence, fmt.Sprintf("%s %s", e.Feature, signed(e.Weight)))
	}
	return s
}

// phraseEvidence sums the features of a frame's phrases, each mention
// scored on its own, and keeps the three strongest that push the frame's
// way. Unlike the actor's evidence in a Report, these belong to the voice
// shown, so a quoted source's side lists the words of its quotes.
func phraseEvidence(v stance.VoiceFrame, ev map[[2]int][]stance.Evidence) []stance.Evidence {
	sum := map[string]float64{}
	var order []string
	for _, ph := range v.Phrases {
		for _, e := range ev[[2]int{ph.Start, ph.End}] {
			if _, ok := sum[e.Feature]; !ok {
				order = append(order, e.Feature)
			}
			sum[e.Feature] += e.Weight
		}
	}
	var out []stance.Evidence
	for _, f := range order {
		if w := sum[f]; w != 0 && (w < 0) == (v.Score < 0) {
			out = append(out, stance.Evidence{Feature: f, Weight: w})
		}
	}
	slices.SortStableFunc(out, func(a, b stance.Evidence) int { return cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight)) })
	return out[:min(len(out), 3)]
}

// splitSentence cuts a phrase's sentence around its mention, finding the
// sentence in the text so that a name said twice in it is cut at the
// right one.
func splitSentence(text string, ph stance.Phrase) (before, mention, after string) {
	sent := ph.Sentence
	lo := max(0, ph.End-len(sent))
	if ph.Start <= len(text) && lo <= ph.Start {
		if k := strings.Index(text[lo:min(len(text), ph.Start+len(sent))], sent); k >= 0 {
			s0 := lo + k
			if s0 <= ph.Start && ph.End <= s0+len(sent) {
				return sent[:ph.Start-s0], sent[ph.Start-s0 : ph.End-s0], sent[ph.End-s0:]
			}
		}
	}
	if k := strings.Index(sent, ph.Text); k >= 0 && ph.Text != "" {
		return sent[:k], ph.Text, sent[k+len(ph.Text):]
	}
	return sent, "", ""
}

func mentionTip(text, score string, ev []stance.Evidence) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s", text, score)
	for k, e := range ev {
		if k == 4 {
			break
		}
		fmt.Fprintf(&b, "\n%s %s", e.Feature, signed(e.Weight))
	}
	return b.String()
}

// mentionEvidence scores every mention of every article on its own, for
// the features that moved it; a Report keeps evidence per actor only.
// The key is the mention's byte span.
func mentionEvidence(m *stance.Model, arts []article, docs []stance.LabeledReport) []map[[2]int][]stance.Evidence {
	out := make([]map[[2]int][]stance.Evidence, len(docs))
	for i, d := range docs {
		out[i] = map[[2]int][]stance.Evidence{}
		for _, a := range d.Report.Actors {
			for _, mn := range a.MentionList {
				ms, err := m.ScoreMention(arts[i].Text, mn.Start, mn.End)
				if err != nil {
					// A span from the report is inside the text; should
					// it not be, the mention just has no features listed.
					continue
				}
				out[i][[2]int{mn.Start, mn.End}] = ms.Evidence
			}
		}
	}
	return out
}

func buildDoc(i int, art article, d stance.LabeledReport, ev map[[2]int][]stance.Evidence) docView {
	v := docView{ID: d.ID, Anchor: anchor(i), Outlet: d.Outlet, Date: d.Date, Headline: headline(art.Text, 160)}
	type span struct {
		start, end int
		actor      string
		mn         stance.Mention
	}
	var spans []span
	for _, a := range d.Report.Actors {
		for _, mn := range a.MentionList {
			if 0 <= mn.Start && mn.Start < mn.End && mn.End <= len(art.Text) {
				spans = append(spans, span{mn.Start, mn.End, a.Actor, mn})
			}
		}
		sa := sideActor{Actor: a.Actor, Score: signed(a.Score), Role: fmt.Sprint(a.Role) + fine(fmt.Sprint(a.FineRole)), Mentions: len(a.MentionList)}
		sa.Fill, sa.Ink = colour(a.Score)
		if a.Author != nil && len(a.Sources) > 0 {
			sa.Voices = append(sa.Voices, "the author "+signed(a.Author.Score))
		}
		for _, s := range a.Sources {
			sa.Voices = append(sa.Voices, fmt.Sprint(s.Source)+" "+signed(s.Score))
		}
		for k, e := range a.Evidence {
			if k == 3 {
				break
			}
			sa.Evidence = append(sa.Evidence, e.Feature+" "+signed(e.Weight))
		}
		v.Side = append(v.Side, sa)
	}
	// Mentions of two actors may overlap; the earlier, then longer, one wins.
	slices.SortFunc(spans, func(a, b span) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	pos := 0
	for _, s := range spans {
		if s.start < pos {
			continue
		}
		if s.start > pos {
			v.Segs = append(v.Segs, seg{Text: art.Text[pos:s.start]})
		}
		fill, ink := colour(s.mn.Score)
		tip := fmt.Sprintf("%s · %s · %s\n", s.actor, voiceLabel(fmt.Sprint(s.mn.Voice)), fmt.Sprint(s.mn.Label)) +
			mentionTip(s.mn.Text, signed(s.mn.Score), ev[[2]int{s.start, s.end}])
		v.Segs = append(v.Segs, seg{Text: art.Text[s.start:s.end], Actor: s.actor, Fill: fill, Ink: ink, Tip: tip})
		pos = s.end
	}
	if pos < len(art.Text) {
		v.Segs = append(v.Segs, seg{Text: art.Text[pos:]})
	}
	return v
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
