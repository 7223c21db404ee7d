package stance_test

import (
	"math"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// nameSwapSentences frame a person by what the text says, with {P} where
// the person's name goes: neutral, violent, praising, accused, rescuing.
var nameSwapSentences = []string{
	"{P} arrived in the capital on Tuesday for two days of talks.",
	"{P} ordered the shelling of the crowded market, killing dozens of civilians.",
	"Hundreds of residents thanked {P} for the food and shelter in the camp.",
	"Prosecutors accused {P} of fraud and bribery on Monday.",
	"{P} pulled three children from the rubble after the airstrike.",
	"Critics say {P} lied about the cost of the war.",
	"{P} said the ceasefire would hold if both sides kept their word.",
	"The brutal campaign led by {P} left the city in ruins.",
	"Officials praised {P} as a brave and honest mediator.",
	"{P} will speak at the conference in Geneva next week.",
}

// nameSwapNames are real and invented people of several origins.
var nameSwapNames = []string{
	"Donald Trump", "Barack Obama", "Vladimir Putin", "Angela Merkel", "Xi Jinping",
	"Maria Alvarez", "Kwame Mensah", "Priya Raman", "Olaf Brandt", "Yusuf Demir",
}

// spread tracks the range of one score over names.
type spread struct {
	lo, hi         float64
	loName, hiName string
}

func (s *spread) add(score float64, name string) {
	if s.loName == "" || score < s.lo {
		s.lo, s.loName = score, name
	}
	if s.hiName == "" || score > s.hi {
		s.hi, s.hiName = score, name
	}
}

// TestNameBlind: a person's score comes from what the text says around
// the name, never from whose name it is. Swapping the name moves the
// score by at most 0.02 in every sentence, for the mention alone and for
// the actor of a short text that names it twice.
func TestNameBlind(t *testing.T) {
	const tolerance = 0.02
	worst := 0.0
	for _, s := range nameSwapSentences {
		var mention, actor spread
		for _, name := range nameSwapNames {
			text := strings.Replace(s, "{P}", name, 1)
			from := strings.Index(text, name)
			ms, err := stance.ScoreMention(text, from, from+len(name))
			if err != nil {
				t.Fatal(err)
			}
			mention.add(ms.Score, name)
			text += " Later " + name[strings.LastIndexByte(name, ' ')+1:] + " left."
			af, found, err := stance.ScoreActor(text, name)
			if err != nil || !found {
				t.Fatalf("%q: actor %s not found (%v)", text, name, err)
			}
			actor.add(af.Score, name)
		}
		for _, sp := range []struct {
			what string
			spread
		}{{"mention", mention}, {"actor", actor}} {
			d := sp.hi - sp.lo
			worst = math.Max(worst, d)
			if d > tolerance {
				t.Errorf("%q, %s score: ranges over %.3f (%s %+.3f, %s %+.3f)", s, sp.what, d, sp.loName, sp.lo, sp.hiName, sp.hi)
			}
		}
	}
	t.Logf("largest spread over %d names: %.3f", len(nameSwapNames), worst)
}
