//go:build !cgo

package main

import "errors"

// cgoAvailable reports whether this binary was built with cgo, which
// golearn's knn and linear_models packages need (they hold C and C++).
const cgoAvailable = false

var errNoCgo = errors.New("not available without cgo (golearn's package holds C code; build with CGO_ENABLED=1 and a C and C++ compiler)")

// cgoContenders lists the classifiers a cgo build would run, each
// unavailable here, so the table still shows what is missing.
func cgoContenders(options) []contender {
	no := func(int) (model, error) { return nil, errNoCgo }
	return []contender{
		{name: "golearn KNN", newModel: no},
		{name: "golearn LogisticRegression", newModel: no},
		{name: "golearn LinearSVC", newModel: no},
	}
}

func liblinearProbe() string { return errNoCgo.Error() }

func cgoCheckOff() bool { return false }

func reexecWithoutCgoCheck([]string, string) (int, error) { return 0, errNoCgo }
