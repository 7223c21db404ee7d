package framing

import (
	"strings"
	"testing"
)

// TestVoiceAtSpeakers checks whose voice a quoted word is in, for each way
// the seed articles attribute a quotation, on sentences written for it.
// at is a word inside the quotation.
func TestVoiceAtSpeakers(t *testing.T) {
	_, p := defaultEngine(t)
	tests := []struct {
		name, text, at, want string
	}{
		{"X said after", `"We will stay in the town," Ivan Petrov said on Monday.`, "town", "Ivan Petrov"},
		{"said X", `"We will stay in the town," said Ivan Petrov, a local official.`, "town", "Ivan Petrov"},
		{"title chain", `"The talks failed again," Foreign Minister Sergei Lavrov told reporters.`, "failed", "Sergei Lavrov"},
		{"colon", `Alexei Malashenko, head of research at the institute, added: "Russia is trapped in the war."`, "trapped", "Alexei Malashenko"},
		{"according to", `According to Reuters, "the city has fallen to the army."`, "fallen", "Reuters"},
		{"intro block", "Talks went on all day. The following is an excerpt of a report by Fox News.\n\"The leaders disagreed over the chaos in the country.\"", "chaos", "Fox News"},
		{"continued", "\"Russia has won the war,\" analyst Vladimir Frolov said. \"But it has not won the peace, and nobody in Moscow knows how to win it.\"", "nobody", "Vladimir Frolov"},
		{"pronoun after an X-said sentence", "Vladimir Frolov is an analyst who lives in Moscow.\nFrolov said Moscow could not and did not want to remove Assad.\n\"Russia expects Assad's regime to stay forever, with slight modifications,\" he said.", "forever", "Vladimir Frolov"},
		{"pronoun after a quotation", "\"We will stay in the town,\" said Ivan Petrov. The army shelled Assad's positions at night.\n\"Nobody will make us go from here, not even the army,\" he said.", "Nobody", "Ivan Petrov"},
		{"they after a speech verb", "Opposition groups said the congress was a joke.\n\"We will not go to that congress, whatever the invitation says,\" they said.", "invitation", "opposition"},
		// no one was made to speak: the last person named, as before
		{"pronoun fallback", "Ivan Petrov met Sergei Lavrov on Monday in the capital.\n\"We will never leave this town, whatever it costs us,\" he said.", "never", "Sergei Lavrov"},
		{"pronoun fallback, one person", "Ivan Petrov visited the front line on Monday with his men.\n\"We will never leave this town, whatever it costs us,\" he said.", "never", "Ivan Petrov"},
		// a speaker too far back is not the speaker
		{"speaker out of reach", "Frolov said the war was over. It rained. It rained more. Then the wind came. Ivan Petrov arrived.\n\"We will never leave this town, whatever it costs us,\" he said.", "never", "Ivan Petrov"},
	}
	for _, tt := range tests {
		a := p.Analyze(tt.text)
		v := a.VoiceAt(strings.Index(tt.text, tt.at))
		if v.Kind != QuotedVoice || v.Source != tt.want {
			t.Errorf("%s: voice at %q = %+v, want %q\nmentions %v\nquotes %+v", tt.name, tt.at, v, tt.want, a.Mentions, a.Quotes)
		}
		p.Release(a)
	}
}

// TestSpeaks checks which mentions only speak or report where they stand.
func TestSpeaks(t *testing.T) {
	_, p := defaultEngine(t)
	tests := []struct {
		text, mention string
		want          bool
	}{
		{"RT reported that the city had been liberated by the army on Tuesday.", "RT", true},
		{"Fox News said the two leaders disagreed over the future of the country.", "Fox News", true},
		{"The city has fallen, according to Reuters, which cited two officials.", "Reuters", true},
		{"RT's report described the city as liberated from the terrorists.", "RT", true},
		{`"We will stay in the town," said Ivan Petrov, a local official.`, "Ivan Petrov", true},
		{"The following is an excerpt of a report by Fox News.\n\"The leaders disagreed over the chaos in the country.\"", "Fox News", true},
		// mirrors
		{"Obama said Russia was to blame for the chaos in the country.", "Russia", false},
		{"RT was banned in several countries of the union last year.", "RT", false},
		{`"Russia has won the war," analyst Vladimir Frolov said.`, "Russia", false},
		{"Russian jets bombed the rebels, and Reuters staff left the city.", "Reuters", false},
	}
	for _, tt := range tests {
		a := p.Analyze(tt.text)
		at := strings.Index(tt.text, tt.mention)
		i := a.MentionIn(at, at+len(tt.mention))
		if i < 0 {
			t.Errorf("%q: no mention of %q: %v", tt.text, tt.mention, a.Mentions)
		} else if got := a.Speaks(i); got != tt.want {
			t.Errorf("%q: Speaks(%s) = %v, want %v", tt.text, tt.mention, got, tt.want)
		}
		if a.Speaks(-1) || a.Speaks(len(a.Mentions)) {
			t.Errorf("%q: Speaks out of range", tt.text)
		}
		p.Release(a)
	}
}
