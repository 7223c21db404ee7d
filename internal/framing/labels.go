package framing

import "fmt"

// Label is the polarity of a frame: how sympathetically the text treats
// an actor. Its order is the polarity head's class order.
type Label uint8

// The polarity labels.
const (
	Negative Label = iota
	Neutral
	Positive
	numLabels
)

var labelNames = [numLabels]string{"negative", "neutral", "positive"}

// LabelNames are the polarity head's class names, in index order.
func LabelNames() []string { return labelNames[:] }

func (l Label) String() string {
	if l < numLabels {
		return labelNames[l]
	}
	return fmt.Sprintf("Label(%d)", uint8(l))
}

// MarshalText writes the label's name.
func (l Label) MarshalText() ([]byte, error) {
	if l >= numLabels {
		return nil, fmt.Errorf("framing: invalid label %d", uint8(l))
	}
	return []byte(labelNames[l]), nil
}

// UnmarshalText reads a label's name.
func (l *Label) UnmarshalText(b []byte) error {
	for i, n := range labelNames {
		if string(b) == n {
			*l = Label(i)
			return nil
		}
	}
	return fmt.Errorf("framing: unknown label %q", b)
}

// LabelOf returns the label whose class index in the polarity head is i.
func LabelOf(i int) Label { return Label(i) }

// Role is the part an actor plays in the text's story.
type Role uint8

// The main roles. The first three are the role head's classes, in index
// order; NeutralRole is given when the text casts the actor in none.
const (
	Protagonist Role = iota
	Antagonist
	Innocent
	NeutralRole
	numRoles
)

// NumTrainedRoles is how many roles the role head decides between.
const NumTrainedRoles = 3

var roleNames = [numRoles]string{"protagonist", "antagonist", "innocent", "neutral"}

// RoleNames are the role head's class names, in index order.
func RoleNames() []string { return roleNames[:NumTrainedRoles] }

func (r Role) String() string {
	if r < numRoles {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// MarshalText writes the role's name.
func (r Role) MarshalText() ([]byte, error) {
	if r >= numRoles {
		return nil, fmt.Errorf("framing: invalid role %d", uint8(r))
	}
	return []byte(roleNames[r]), nil
}

// UnmarshalText reads a role's name.
func (r *Role) UnmarshalText(b []byte) error {
	x, ok := ParseRole(string(b))
	if !ok {
		return fmt.Errorf("framing: unknown role %q", b)
	}
	*r = x
	return nil
}

// ParseRole returns the role called name.
func ParseRole(name string) (Role, bool) {
	for i, n := range roleNames {
		if name == n {
			return Role(i), true
		}
	}
	return 0, false
}

// FineRole is a frame from the SemEval-2025 Task 10 taxonomy. The zero
// value, NoFineRole, means the evidence supports none.
type FineRole uint8

// The fine roles this package assigns.
const (
	NoFineRole FineRole = iota
	Guardian
	Peacemaker
	Virtuous
	Underdog
	Tyrant
	Terrorist
	Deceiver
	Instigator
	Victim
	numFineRoles
)

var fineRoleNames = [numFineRoles]string{"", "Guardian", "Peacemaker", "Virtuous", "Underdog", "Tyrant", "Terrorist", "Deceiver", "Instigator", "Victim"}

func (f FineRole) String() string {
	if f < numFineRoles {
		return fineRoleNames[f]
	}
	return fmt.Sprintf("FineRole(%d)", uint8(f))
}

// MarshalText writes the fine role's name ("" for NoFineRole).
func (f FineRole) MarshalText() ([]byte, error) {
	if f >= numFineRoles {
		return nil, fmt.Errorf("framing: invalid fine role %d", uint8(f))
	}
	return []byte(fineRoleNames[f]), nil
}

// UnmarshalText reads a fine role's name.
func (f *FineRole) UnmarshalText(b []byte) error {
	for i, n := range fineRoleNames {
		if string(b) == n {
			*f = FineRole(i)
			return nil
		}
	}
	return fmt.Errorf("framing: unknown fine role %q", b)
}

// VoiceKind says whose words a mention stands in.
type VoiceKind uint8

// The kinds of voice.
const (
	// AuthorVoice: outside any quotation, or inside scare quotes, which
	// are the author's own words set apart.
	AuthorVoice VoiceKind = iota
	// QuotedVoice: inside a quotation whose speaker is known.
	QuotedVoice
	// UnattributedVoice: inside a quotation whose speaker is not found.
	UnattributedVoice
	numVoiceKinds
)

var voiceKindNames = [numVoiceKinds]string{"author", "quoted", "unattributed"}

func (v VoiceKind) String() string {
	if v < numVoiceKinds {
		return voiceKindNames[v]
	}
	return fmt.Sprintf("VoiceKind(%d)", uint8(v))
}

// MarshalText writes the voice kind's name.
func (v VoiceKind) MarshalText() ([]byte, error) {
	if v >= numVoiceKinds {
		return nil, fmt.Errorf("framing: invalid voice kind %d", uint8(v))
	}
	return []byte(voiceKindNames[v]), nil
}

// Voice is who speaks at a place in the text: the author, a named source,
// or an unattributed quotation. Source is set only for QuotedVoice.
type Voice struct {
	Kind   VoiceKind
	Source string // the speaker's canonical actor name, or the words naming the speaker
}

// String is "author", "unattributed", or the source's name: the form
// reports print.
func (v Voice) String() string {
	if v.Kind == QuotedVoice {
		return v.Source
	}
	return v.Kind.String()
}

// MarshalText writes the voice as String does.
func (v Voice) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads what MarshalText writes: "author", "unattributed",
// or a source's name.
func (v *Voice) UnmarshalText(b []byte) error {
	switch s := string(b); s {
	case "author":
		*v = Voice{Kind: AuthorVoice}
	case "unattributed":
		*v = Voice{Kind: UnattributedVoice}
	case "":
		return fmt.Errorf("framing: empty voice")
	default:
		*v = Voice{Kind: QuotedVoice, Source: s}
	}
	return nil
}
