package stance_test

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// TestConcurrentScoringMatchesSerial scores a mixed set of texts from many
// goroutines at once, with the package-level functions, a shared Model and
// a Model sharing its weights under other Options, and compares every
// result with the serial one. Run it with -race.
func TestConcurrentScoringMatchesSerial(t *testing.T) {
	const goroutines = 16
	m := model(t)
	quiet, err := m.WithOptions(stance.Options{AuthorOnly: true, NoEvidence: true, NoPronouns: true})
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string(nil), fuzzSeeds...)
	texts = append(texts, strings.Split(article(t), "\n\n")...)
	texts = append(texts, growthParagraph, strings.Repeat("Russia ", 300), strings.Repeat("“Assad said ‘Russia’ ", 20))

	type result struct {
		pkg, shared, other stance.Report
		mention            stance.MentionScore
		mentionErr         error
	}
	// mentionSpan picks a span to score in text: its first actor mention,
	// or the whole text.
	mentionSpan := func(text string, rep stance.Report) (int, int) {
		if len(rep.Actors) == 0 {
			return 0, len(text)
		}
		mn := rep.Actors[0].MentionList[0]
		return mn.Start, mn.End
	}
	score := func(text string) result {
		var r result
		r.pkg = stance.Score(text)
		r.shared = m.Score(text)
		r.other = quiet.Score(text)
		from, to := mentionSpan(text, r.shared)
		r.mention, r.mentionErr = m.ScoreMention(text, from, to)
		return r
	}
	want := make([]result, len(texts))
	for i, text := range texts {
		want[i] = score(text)
		checkInvariants(t, text, want[i].shared)
		checkInvariants(t, text, want[i].other)
		if !reflect.DeepEqual(want[i].pkg, want[i].shared) {
			t.Fatalf("text %d: stance.Score differs from the default Model's Score", i)
		}
	}

	rounds := 2
	if testing.Short() {
		rounds = 1
	}
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				// Each goroutine walks the texts from its own starting
				// point, so that different texts are scored at once.
				for k := range texts {
					i := (g + k) % len(texts)
					got := score(texts[i])
					if !reflect.DeepEqual(got, want[i]) {
						errs <- fmt.Errorf("goroutine %d, text %d (%.40q): concurrent result differs from the serial one", g, i, texts[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
