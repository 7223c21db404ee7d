package framing

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CalibrationVersion is the version of the Calibration this package reads
// and writes. A model file with another version is refused.
const CalibrationVersion = 1

// Calibration says how an actor's probabilities become its label. It is
// stored in the model file (models.File.Calibration) as JSON. The zero
// value is not valid; DefaultCalibration is no calibration at all.
type Calibration struct {
	Version int `json:"version"`
	// LabelWeights rescale an actor's mean [P(negative), P(neutral),
	// P(positive)] in a model without an actor head (see Engine.Frame).
	// Models of format version 1 carried them, fitted to document-level
	// labels; the actor head has taken their place, and train fit writes
	// none.
	LabelWeights [3]float64 `json:"label_weights"`
	// VectorWeight is the share of the word-vector head in a mention's
	// polarity probabilities, P ∝ linear^(1−w)·vector^w (see Blend), chosen by
	// cross-validation (train cv -vectors). It counts only in a model
	// with a vector head.
	VectorWeight float64 `json:"vector_weight,omitempty"`
	// AgencyWeight is how much what an actor does moves its article-level
	// probabilities (see Agency): the document labels the actor head
	// learns from (PerSenT, US politics) rarely show anyone bomb, besiege
	// or rescue, so the head alone does not know what harm done means for
	// an actor. train fit chooses it on the labelled targets of its -roles
	// files (our conflict texts); zero leaves the actor head alone.
	AgencyWeight float64 `json:"agency_weight,omitempty"`
	// RoleVectorWeight is the share of the role-vectors head in an
	// actor's role probabilities, blended as VectorWeight blends polarity,
	// chosen by cross-validation. It counts only in a model with that head.
	RoleVectorWeight float64 `json:"role_vector_weight,omitempty"`
}

// DefaultCalibration leaves labels as the probabilities say.
func DefaultCalibration() Calibration {
	return Calibration{Version: CalibrationVersion, LabelWeights: [3]float64{1, 1, 1}}
}

// Validate reports whether c can be used, and if not, why.
func (c Calibration) Validate() error {
	if c.Version != CalibrationVersion {
		return fmt.Errorf("framing: calibration version %d, this build reads version %d", c.Version, CalibrationVersion)
	}
	if !(c.AgencyWeight >= 0) || math.IsInf(c.AgencyWeight, 0) {
		return fmt.Errorf("framing: calibration agency weight %v is not a non-negative number", c.AgencyWeight)
	}
	if !(c.RoleVectorWeight >= 0 && c.RoleVectorWeight <= 1) {
		return fmt.Errorf("framing: calibration role vector weight %v is outside [0, 1]", c.RoleVectorWeight)
	}
	if !(c.VectorWeight >= 0 && c.VectorWeight <= 1) {
		return fmt.Errorf("framing: calibration vector weight %v is outside [0, 1]", c.VectorWeight)
	}
	for i, w := range c.LabelWeights {
		if !(w > 0) || math.IsInf(w, 0) {
			return fmt.Errorf("framing: calibration label weight %d is %v, not a positive number", i, w)
		}
	}
	return nil
}

// ParseCalibration decodes and validates a stored calibration; empty data
// is DefaultCalibration.
func ParseCalibration(data []byte) (Calibration, error) {
	if len(data) == 0 {
		return DefaultCalibration(), nil
	}
	var c Calibration
	if err := json.Unmarshal(data, &c); err != nil {
		return Calibration{}, fmt.Errorf("framing: bad calibration: %w", err)
	}
	return c, c.Validate()
}

// Marshal returns the JSON form model files store.
func (c Calibration) Marshal() []byte {
	b, _ := json.Marshal(c) // numbers only: cannot fail
	return b
}

// MostProbable returns the label of the largest of p, class probabilities
// in the polarity head's order; the first among equals.
func MostProbable(p []float64) Label { return Label(argmax(p)) }

func argmax(p []float64) int {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	return best
}

// legacyMeta is where model files of format version 1 kept the label
// weights, as three comma-separated numbers.
const legacyMeta = "actor_label_weights"

// legacyCalibration reads the label weights of a version 1 model file.
func legacyCalibration(meta map[string]string) (Calibration, error) {
	c := DefaultCalibration()
	v, ok := meta[legacyMeta]
	if !ok {
		return c, nil
	}
	parts := strings.Split(v, ",")
	if len(parts) != 3 {
		return c, fmt.Errorf("framing: model metadata %s = %q: want three weights", legacyMeta, v)
	}
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return c, fmt.Errorf("framing: model metadata %s = %q: %v", legacyMeta, v, err)
		}
		c.LabelWeights[i] = x
	}
	return c, c.Validate()
}
