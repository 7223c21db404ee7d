module github.com/actorframe/actorframe

go 1.26.8

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/kljensen/snowball v0.10.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)
