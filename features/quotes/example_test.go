package quotes_test

import (
	"fmt"

	"github.com/actorframe/actorframe/features/quotes"
)

func ExampleFind() {
	text := `"We did not start this war," Foreign Minister Sergei Lavrov said. Talks were "a joke".`
	for _, q := range quotes.Find(text) {
		fmt.Printf("%q <- %q scare=%v\n", text[q.Start:q.End], q.Source, q.Scare)
	}
	// Output:
	// "We did not start this war," <- "Sergei Lavrov" scare=false
	// "a joke" <- "" scare=true
}
