package stance_test

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/actorframe/actorframe/stance"
)

// growthParagraph is a news-like paragraph with actors, pronouns and quotes
// in the author's and in sources' voices.
const growthParagraph = `ALEPPO, Syria — Russian jets struck rebel-held districts of eastern Aleppo overnight, killing at least 40 civilians, according to local rescue workers. "Russia is protecting the Syrian people from terrorists," the Kremlin spokesman Dmitry Peskov told reporters in Moscow. Rebels accused Assad of starving the city into surrender, and the United Nations condemned the bombing of two hospitals. "We will never give up," a rebel commander said. President Bashar al-Assad praised his army for what he called the liberation of the city, while Turkey and Iran traded blame for the collapse of the ceasefire. Moscow calls the area a "de-escalation zone" and the fighters "terrorists". Aid groups said families fleeing the shelling had been subjected to a daily pounding from artillery.

`

// textOfSize repeats growthParagraph up to about n bytes.
func textOfSize(n int) string {
	return strings.Repeat(growthParagraph, max(1, n/len(growthParagraph)))
}

// oneLineOfSize is textOfSize without line breaks, as scraped text often
// comes: a single paragraph.
func oneLineOfSize(n int) string {
	return strings.ReplaceAll(textOfSize(n), "\n", " ")
}

// cost is the least time and the least bytes allocated seen over several
// Scores of one text.
type cost struct {
	time  time.Duration
	bytes uint64
	runs  int
}

// measure scores text once more and keeps the minima in c: wall-clock time
// only ever gets worse under load, so the minimum is the best estimate.
func (c *cost) measure(m *stance.Model, text string) stance.Report {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	rep := m.Score(text)
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	b := after.TotalAlloc - before.TotalAlloc
	if c.runs == 0 || d < c.time {
		c.time = d
	}
	if c.runs == 0 || b < c.bytes {
		c.bytes = b
	}
	c.runs++
	return rep
}

// TestScoreGrowsLinearly checks that ten times the text costs about ten
// times the time and memory, not a hundred.
func TestScoreGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("scores over 50 MB of text")
	}
	// Bytes allocated are deterministic, so their bound is tight. Time is
	// not: a busy machine slows one run and not the other. Quadratic
	// growth would show as ×100, so ×40 still catches it without flaking.
	const maxRatio, maxTimeRatio = 15, 40
	m := model(t)
	m.Score(textOfSize(64 << 10)) // warm up the model and the finder's pools
	// Each run gets a fresh Model, whose pools start empty: a 1 MB text's
	// buffers fit the pools and a 10 MB text's do not, so reuse would make
	// the small runs look cheaper than they are.
	fresh := func() *stance.Model {
		f, err := m.WithOptions(stance.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, shape := range []struct {
		name string
		make func(int) string
	}{{"paragraphs", textOfSize}, {"one line", oneLineOfSize}} {
		t.Run(shape.name, func(t *testing.T) {
			small, large := shape.make(1<<20), shape.make(10<<20)
			var cs, cl cost
			checkInvariants(t, small, cs.measure(fresh(), small))
			checkInvariants(t, large, cl.measure(fresh(), large))
			// Interleave further runs; on a busy machine, run a few more
			// before calling a high ratio: noise only slows a run, while
			// quadratic growth would stay far above the bound.
			for round := 0; round < 2; round++ {
				cs.measure(fresh(), small)
				cs.measure(fresh(), small)
				cl.measure(fresh(), large)
				if float64(cl.time) <= maxTimeRatio*float64(cs.time) {
					break
				}
			}
			timeRatio := float64(cl.time) / float64(cs.time)
			byteRatio := float64(cl.bytes) / float64(cs.bytes)
			t.Logf("1 MB: %v, %.0f MB allocated (best of %d); 10 MB: %v, %.0f MB allocated (best of %d)",
				cs.time, float64(cs.bytes)/(1<<20), cs.runs, cl.time, float64(cl.bytes)/(1<<20), cl.runs)
			t.Logf("10 MB / 1 MB: time ×%.2f, bytes ×%.2f (input ×%.2f)", timeRatio, byteRatio, float64(len(large))/float64(len(small)))
			if timeRatio > maxTimeRatio {
				t.Errorf("10 MB takes %.1f× the time of 1 MB, want at most %d×", timeRatio, maxTimeRatio)
			}
			if byteRatio > maxRatio {
				t.Errorf("10 MB allocates %.1f× the bytes of 1 MB, want at most %d×", byteRatio, maxRatio)
			}
		})
	}
}

// TestHostileInputLarge scores large inputs of shapes news never has. Each
// must finish and keep the report's invariants.
func TestHostileInputLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("scores several MB of hostile text")
	}
	m := model(t)
	const mb = 1 << 20
	words := "Russia bombed Aleppo and Assad praised the army while rebels fled the city "
	nested := func(depth int) string {
		var b strings.Builder
		opens := []string{`"`, "“", "‘", "'", "«"}
		closes := []string{`"`, "”", "’", "'", "»"}
		for i := 0; i < depth; i++ {
			b.WriteString(opens[i%len(opens)])
			b.WriteString("Russia said ")
		}
		b.WriteString("Assad killed civilians")
		for i := depth - 1; i >= 0; i-- {
			b.WriteString(closes[i%len(closes)])
			b.WriteString(" rebels said")
		}
		return b.String()
	}
	html := `<div class="article"><p style="x"><a href="/world/russia">Russia</a> &amp; <span>Assad</span></p><img src="a.png" alt="rebels"/><script>var q = "\"Iran\"";</script></div>` + "\n"
	cases := []struct {
		name, text string
	}{
		{"1 MB sentence without punctuation", strings.Repeat(words, mb/len(words))},
		{"100k mentions of Russia", strings.Repeat("Russia ", 100_000)},
		{"nested quotes, depth 10k", nested(10_000)},
		{"1 MB of HTML markup", strings.Repeat(html, mb/len(html))},
		{"1 MB of quote marks", strings.Repeat("\"“‘", mb/7) + " Russia"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			rep := m.Score(c.text)
			d := time.Since(start)
			checkInvariants(t, c.text, rep)
			n := 0
			for _, a := range rep.Actors {
				n += len(a.MentionList)
			}
			t.Logf("%d bytes: %v, %d actors, %d mentions", len(c.text), d, len(rep.Actors), n)
		})
	}
}

func BenchmarkScoreGrowth(b *testing.B) {
	m := model(b)
	for _, sz := range []struct {
		name string
		n    int
	}{{"1MB", 1 << 20}, {"10MB", 10 << 20}} {
		text := textOfSize(sz.n)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				m.Score(text)
			}
		})
	}
}

// unpunctuatedOfSize is textOfSize with every sentence mark, comma, quote
// and line break removed: a transcript, or a scraped page that lost them.
func unpunctuatedOfSize(n int) string {
	strip := strings.NewReplacer(".", "", ",", "", "\n", " ", `"`, "", "—", "", ":", "", ";", "")
	s := strip.Replace(growthParagraph)
	return strings.Repeat(s, max(1, n/len(s)))
}

// TestUnpunctuatedCostsLikeNews: text without punctuation is cut into
// bounded sentences, so 2 MB of it allocates at most twice what 2 MB of
// news does (BenchmarkScoreShape shows the time, and the peak memory).
func TestUnpunctuatedCostsLikeNews(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 4 MB")
	}
	// A fresh Model each time: its pools start empty, so a run cannot
	// reuse the buffers of the one before and look cheaper than it is.
	fresh := func() *stance.Model {
		m, err := model(t).WithOptions(stance.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	var news, flat cost
	for range 2 {
		news.measure(fresh(), textOfSize(2<<20))
		flat.measure(fresh(), unpunctuatedOfSize(2<<20))
	}
	ratio := float64(flat.bytes) / float64(news.bytes)
	t.Logf("2 MB: news %v, %d MB allocated; without punctuation %v, %d MB (x%.2f)",
		news.time, news.bytes>>20, flat.time, flat.bytes>>20, ratio)
	if ratio > 2 {
		t.Errorf("text without punctuation allocates %.2f times what news does, want at most 2", ratio)
	}
}

// BenchmarkScoreShape scores 2 MB of news and 2 MB of the same words
// without punctuation; peak-MB is the largest heap in use while scoring.
func BenchmarkScoreShape(b *testing.B) {
	m := model(b)
	for _, sh := range []struct {
		name string
		text string
	}{{"news", textOfSize(2 << 20)}, {"unpunctuated", unpunctuatedOfSize(2 << 20)}} {
		b.Run(sh.name, func(b *testing.B) {
			b.SetBytes(int64(len(sh.text)))
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				done := make(chan struct{})
				go func() { // sample the heap while scoring
					var ms runtime.MemStats
					for {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
						select {
						case <-done:
							return
						case <-time.After(5 * time.Millisecond):
						}
					}
				}()
				m.Score(sh.text)
				close(done)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}
