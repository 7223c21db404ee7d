package actors_test

import (
	"fmt"

	"github.com/actorframe/actorframe/features/actors"
)

func ExampleFinder_Find() {
	cat, err := actors.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	f := actors.NewFinder(cat, actors.Options{Pronouns: true})
	text := "The Kremlin said Russian jets hit rebel positions. Assad thanked Putin for his help."
	for _, m := range f.Find(text) {
		fmt.Printf("%-16q %s (%s)\n", text[m.Start:m.End], m.Actor, m.Via)
	}
	// Output:
	// "Kremlin"        Russia (listed)
	// "Russian jets"   Russia (listed)
	// "rebel"          rebels (listed)
	// "Assad"          Bashar al-Assad (listed)
	// "Putin"          Vladimir Putin (listed)
	// "his"            Vladimir Putin (pronoun)
}
