package stance_test

import (
	"fmt"
	"strings"

	"github.com/actorframe/actorframe/stance"
)

const exampleText = `Russian jets pounded the besieged town overnight. Thousands of civilians fled the bombing, aid workers said.
"Russia is liberating the region from terrorists," the Kremlin spokesman said.`

// The author shows Russian jets pounding a town; a quoted Kremlin
// spokesman shows Russia liberating it. Score keeps the two voices apart.
func ExampleScore() {
	rep := stance.Score(exampleText)
	for _, a := range rep.Actors {
		fmt.Printf("%s: %s\n", a.Actor, a.Role)
		for _, s := range a.Sources {
			fmt.Printf("  in the words of %s: %s\n", s.Source, s.Role)
		}
	}
	// Output:
	// Russia: antagonist
	//   in the words of Russia: protagonist
	// civilians: innocent
	// aid workers: innocent
	// terrorists: antagonist
	//   in the words of Russia: antagonist
}

// ScoreMention scores a span the caller found, such as an entity from
// another tagger.
func ExampleScoreMention() {
	text := "Residents praised the brave volunteers who rescued children from the rubble."
	from := strings.Index(text, "volunteers")
	ms, err := stance.ScoreMention(text, from, from+len("volunteers"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ms.Text, ms.Label, ms.Score > 0)
	// Output:
	// volunteers positive true
}
