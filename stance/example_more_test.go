package stance_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/stance"
)

// ScoreActor asks how a text frames one actor the built-in catalogue does
// not know. Her surname and the pronoun "her" count as mentions of her.
func ExampleScoreActor() {
	text := `Mayor Anna Kowalski opened the new children's hospital on Friday. ` +
		`Kowalski thanked the nurses who had worked through the winter. ` +
		`Critics accused her of wasting public money.`
	af, found, err := stance.ScoreActor(text, "Anna Kowalski")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(found, af.Actor)
	for _, m := range af.MentionList {
		fmt.Printf("  %q (%s)\n", m.Text, fmt.Sprint(m.Via))
	}
	// Output:
	// true Anna Kowalski
	//   "Anna Kowalski" (listed)
	//   "Kowalski" (listed)
	//   "her" (pronoun)
}

// ScoreAll scores a stream of documents on several goroutines and yields
// the reports in input order.
func ExampleModel_ScoreAll() {
	m, err := stance.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	docs := []stance.Document{
		{ID: "a", Text: "Rebels shelled the market, killing civilians."},
		{ID: "b", Text: "The United Nations sent aid to refugees."},
		{ID: "c", Text: "Nobody is named here."},
	}
	for res, err := range m.ScoreAll(context.Background(), slices.Values(docs), 2) {
		if err != nil {
			fmt.Println(err)
			return
		}
		var names []string
		for _, a := range res.Report.Actors {
			names = append(names, a.Actor)
		}
		slices.Sort(names)
		fmt.Println(res.ID, names)
	}
	// Output:
	// a [civilians rebels]
	// b [United Nations refugees]
	// c []
}

// LoadFile reads a model trained with the train command; here, the file
// the library embeds.
func ExampleLoadFile() {
	m, err := stance.LoadFile("../models/default.afm")
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := m.Score("Rebels shelled the market, killing civilians.")
	fmt.Println(len(rep.Actors), "actors")
	// Output:
	// 2 actors
}

// WithOptions gives a model its own catalogue of actors without
// reloading weights. With discovery and pronouns off, only listed actors
// are found: not the unlisted "Kowalski", not "They".
func ExampleModel_WithOptions() {
	m, err := stance.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	builtin, err := actors.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := builtin.With([]actors.Actor{
		{Name: "Wagner Group", Aliases: []string{"Wagner"}, Kind: actors.ArmedGroup},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mm, err := m.WithOptions(stance.Options{Actors: cat, NoDiscover: true, NoPronouns: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := mm.Score("Wagner fighters seized the town, and Kowalski said they looted shops. They left on Monday.")
	for _, a := range rep.Actors {
		fmt.Println(a.Actor, fmt.Sprint(a.Kind), len(a.MentionList))
	}
	// Output:
	// Wagner Group armed_group 1
}
