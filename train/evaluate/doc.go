// Package evaluate measures classifiers the way the README reports them:
// a confusion matrix with per-class precision, recall and F1, macro-F1
// over the classes present in the gold labels, accuracy, the
// majority-class baseline, and folds for (grouped, stratified) k-fold
// cross-validation. It knows nothing of actorframe's models, so anything
// that predicts labels can be measured with it.
package evaluate
