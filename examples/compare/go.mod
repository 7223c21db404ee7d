module github.com/actorframe/actorframe/examples/compare

go 1.25.0

require (
	github.com/actorframe/actorframe v0.0.0-00010101000000-000000000000
	github.com/jonreiter/govader v0.0.0-20250429093935-f6505c8d03cc
)

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/kljensen/snowball v0.10.0 // indirect
	golang.org/x/tools v0.32.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)

replace github.com/actorframe/actorframe => ../..
