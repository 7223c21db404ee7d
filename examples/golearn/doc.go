// Command golearn trains the classifiers of github.com/sjwhitworth/golearn
// on actorframe's mention features for NewsMTSC and prints them side by
// side with actorframe's own polarity head: macro-F1 on dev-rw and
// dev-mt, training time, scoring time and the size of the training
// matrix each needed.
//
// Run it from this directory, with the data in ../../../shared/data:
//
//	cd examples/golearn && go run .
//
// Each labelled mention of NewsMTSC train becomes actorframe's sparse,
// hashed feature vector (2^20 indices), exactly as `train fit` builds
// it. golearn stores instances densely, so the hashed space is cut to the
// top -k features (1000) by the χ² of their presence against the three
// classes (-select df: by document frequency instead), among features in
// at least -min-df training rows. On those columns run golearn's
// BernoulliNB (presence bits), an ID3 tree and a random forest of ID3
// trees (presence bits), KNN (values) and liblinear's logistic regression
// and linear SVC (values); and actorframe's head (models.Fit) on the same
// columns, retrained on all features, and as shipped. Slow classifiers
// train on a stratified subsample, which the table's notes state.
//
// golearn's knn and linear_models packages contain C, so they need cgo.
// Built with CGO_ENABLED=0 the command still runs and lists those rows
// as "not available without cgo" (golearn_nocgo.go). Under cgo,
// liblinear's fit panics under the runtime's default cgo pointer check,
// so the command shows that panic and runs itself again with
// GODEBUG=cgocheck=0 to measure those rows (-reexec=false keeps the check
// and reports the panic instead).
//
// features.go is the only file that uses actorframe's packages.
//
// This is a module of its own, with a replace directive pointing at
// ../.., so that the library's go.mod never depends on golearn, its cgo
// and its old dependencies.
package main
