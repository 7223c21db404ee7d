package features

// Relation-scoped features: what the mention does or undergoes in its own
// clause, and whose words the sentiment words of its sentence are. In a
// sentence with several actors the sentence's words are the same for all
// of them; these families say which of them the words belong to, so that
// a bystander does not take the negativity of someone else's violence,
// nor an accuser that of the accusation.

// RelClass is a kind of relation between actors that a verb names, often
// without a sentiment word: accusing, attacking, praising, defending,
// defeating, winning, losing, prosecuting, blocking.
type RelClass uint8

// The relation classes.
const (
	RelAccuse    RelClass = iota + 1 // accuse, blame, criticise, slam, condemn...
	RelAttack                        // attack, strike, threaten, kill...
	RelPraise                        // praise, hail, applaud, thank...
	RelDefend                        // defend, support, back, endorse...
	RelDefeat                        // defeat, beat, oust, topple...
	RelWin                           // win, lead, gain...
	RelLose                          // lose, trail, resign...
	RelProsecute                     // indict, charge, arrest, impeach, fire...
	RelBlock                         // block, reject, veto, oppose...
	RelSay                           // say, tell, claim: whose words follow
	// NumRels bounds the classes: every RelClass is below it.
	NumRels
)

var relNames = [NumRels]string{"", "accusing", "attacking", "praising", "defending", "defeating", "winning", "losing",
	"prosecuting", "blocking", "saying"}

func (c RelClass) String() string {
	if c < NumRels {
		return relNames[c]
	}
	return "?"
}

// relWords are the verbs (and a few nouns) of each relation class, by
// stem: "accused", "accuses" and "accusing" are all "accuse".
var relWords = map[RelClass][]string{
	RelAccuse: {"accuse", "blame", "criticize", "criticise", "condemn", "denounce", "slam", "blast", "rebuke", "chastise",
		"lambaste", "scold", "mock", "ridicule", "insult", "berate", "decry", "smear", "sue", "attack", "question",
		"challenge", "fault", "assail", "excoriate", "castigate", "pan", "warn", "allege", "criticism", "accusation"},
	RelAttack: {"strike", "hit", "assault", "kill", "shoot", "bomb", "target", "threaten", "invade", "raid", "punch",
		"hurt", "harm", "injure", "murder", "rape", "abuse", "harass", "intimidate", "torture", "crush"},
	RelPraise: {"praise", "hail", "applaud", "laud", "commend", "thank", "congratulate", "celebrate", "honor", "honour",
		"compliment", "salute", "admire", "welcome", "credit", "tout"},
	RelDefend: {"defend", "support", "back", "endorse", "protect", "champion", "help", "rescue", "save", "aid", "assist",
		"reassure", "embrace", "ally", "side", "vouch", "pardon", "forgive"},
	RelDefeat: {"defeat", "beat", "oust", "topple", "unseat", "overthrow", "trounce", "outvote", "upset", "eliminate",
		"overpower", "rout", "outpace", "outperform"},
	RelWin: {"win", "won", "lead", "gain", "secure", "clinch", "sweep", "triumph", "prevail", "succeed", "victory",
		"elect", "reelect", "re-elect", "nominate", "approve", "confirm"},
	RelLose: {"lose", "lost", "trail", "resign", "quit", "fail", "concede", "withdraw", "drop", "plunge", "slump",
		"collapse", "loss", "suffer"},
	RelProsecute: {"indict", "charge", "convict", "arrest", "sentence", "investigate", "subpoena", "impeach", "prosecute",
		"fire", "sack", "dismiss", "expel", "suspend", "sanction", "punish", "jail", "detain", "censure", "probe",
		"fine", "ban", "plead"},
	RelBlock: {"block", "reject", "veto", "oppose", "thwart", "stall", "obstruct", "overrule", "deny", "refuse",
		"halt", "stop", "derail", "undermine", "resist", "defy", "snub", "ignore"},
	RelSay: {"say", "said", "tell", "told", "claim", "argue", "write", "wrote", "tweet", "announce", "insist", "state",
		"declare", "add", "note", "explain", "suggest", "contend", "assert", "according"},
}

// relSkip are words between the mention and the verb it is the subject of
// that do not end the relation: auxiliaries, modals, a few adverbs, the
// relative pronoun of "⟨T⟩, who accused...".
var relSkip = []string{"has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must", "also",
	"did", "does", "do", "reportedly", "then", "already", "later", "who", "which", "that", "just", "repeatedly",
	"publicly", "again", "recently", "previously", "now", "still", "allegedly", "formally", "officially",
	"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting", "not", "never", "n't", "to",
	"and", "'s"}

// relLeft are words between the verb and the mention it is the object of:
// "criticism of ⟨T⟩", "an attack on ⟨T⟩", "support for ⟨T⟩"; "by" and
// "from" make the mention the one who acts.
var relLeft = []string{"of", "on", "for", "against", "the", "a", "an", "to", "at", "with", "over", "by", "from",
	"former", "president", "his", "her", "their", "its"}

// relTable maps term hashes to relation classes and the word lists the
// relation families read, for one hash seed.
type relTable struct {
	class      *hashTable[RelClass]
	skip, left *hashTable[bool]
	be         *hashTable[bool]
	by, from   uint64
}

// newRelTable builds the relation table for seed. A word is listed in one
// class only: "kill" is attacking, though killing a bill is blocking it.
func newRelTable(seed uint64) *relTable {
	lx := NewLexicon(seed)
	t := &relTable{class: newHashTable[RelClass](512), skip: newHashTable[bool](len(relSkip)),
		left: newHashTable[bool](len(relLeft)), be: newHashTable[bool](len(beWords)), by: lx.Hash("by"), from: lx.Hash("from")}
	for c := RelClass(1); c < NumRels; c++ {
		for _, w := range relWords[c] {
			h := lx.Hash(w)
			if _, dup := t.class.get(h); !dup {
				t.class.set(h, c)
			}
		}
	}
	for _, w := range relSkip {
		t.skip.set(lx.Hash(w), true)
	}
	for _, w := range relLeft {
		t.left.set(lx.Hash(w), true)
	}
	for _, w := range beWords {
		t.be.set(lx.Hash(w), true)
	}
	return t
}

// relReach is how many units may stand between the mention and the verb
// of its relation.
const relReach = 5

// governor is a word the mention is the subject or object of, in its own
// clause: the first content word after it (skipping auxiliaries), or the
// first before it (skipping prepositions and determiners).
type governor struct {
	j   int      // unit of the word, -1 if none
	rel Relation // RelAgent or RelPatient
}

// governors finds the words the mention at tu is the subject of (right)
// and the object of (left). The right one is passive ("⟨T⟩ was accused")
// when a form of "be" stands between them; the left one is active ("was
// defeated by the ⟨T⟩", "criticism from ⟨T⟩") when "by" or "from" stands
// between them, or when it is a verb of saying ("…, said ⟨T⟩").
func (e *Extractor) governors(tu int) (right, left governor) {
	u, r := e.units, e.rel
	cl := u[tu].clause
	right, left = governor{j: -1}, governor{j: -1}
	passive := false
	for j := tu + 1; j < len(u) && j <= tu+relReach && u[j].clause == cl; j++ {
		if u[j].tok < 0 {
			break // another actor: "⟨T⟩ and ⟨O⟩", or ⟨O⟩ is the subject
		}
		if r.be.at(u[j].hash) {
			passive = true
		}
		if r.skip.at(u[j].hash) || e.m.d.Tokens[u[j].tok].Flags&FlagWord == 0 {
			continue
		}
		right = governor{j: j, rel: RelAgent}
		if passive && !progressive(e.m.d, u[j].tok) {
			right.rel = RelPatient
		}
		break
	}
	active := false
	for j := tu - 1; j >= 0 && j >= tu-relReach && u[j].clause == cl; j-- {
		if u[j].tok < 0 {
			break
		}
		if u[j].hash == r.by || u[j].hash == r.from {
			active = true
		}
		if r.left.at(u[j].hash) || e.m.d.Tokens[u[j].tok].Flags&FlagWord == 0 {
			continue
		}
		left = governor{j: j, rel: RelPatient}
		if active || r.class.at(u[j].hash) == RelSay {
			// "defeated by the challenger"; "…, said the senator"
			left.rel = RelAgent
		}
		break
	}
	return right, left
}

// otherBeyond reports whether another actor stands within relReach units
// past unit j, away from the mention at tu, in j's clause: the other party
// of the relation ("⟨T⟩ accused ⟨O⟩", "⟨O⟩ accused ⟨T⟩").
func (e *Extractor) otherBeyond(tu, j int) bool {
	u := e.units
	step := 1
	if j < tu {
		step = -1
	}
	for k := j + step; k >= 0 && k < len(u) && (k-j)*step <= relReach && u[k].clause == u[j].clause; k += step {
		if u[k].tok == TokOther {
			return true
		}
	}
	return false
}

// relations emits the mention's relations of a closed class: it accuses,
// attacks, praises, defends, defeats, wins, loses, prosecutes, blocks or
// speaks, or undergoes one of these; once as such, and once more with
// whether another actor is the other party. Aux is class*8 + relation*2 +
// other.
func (e *Extractor) relations(m *mention, dst []Feature) []Feature {
	right, left := e.governors(m.tu)
	for _, g := range [2]governor{right, left} {
		if g.j < 0 {
			continue
		}
		c := e.rel.class.at(e.units[g.j].hash)
		if c == 0 {
			continue
		}
		neg := e.units[g.j].neg || e.irrealis(min(m.tu, g.j), g.j)
		aux := int8(c)*8 + int8(g.rel)*2
		dst = e.emit(dst, TRel, neg, aux, 0, 0, 0, e.units[g.j].tok, TokNone, TokNone)
		if e.otherBeyond(m.tu, g.j) {
			dst = e.emit(dst, TRel, neg, aux+1, 0, 0, 0, e.units[g.j].tok, TokOther, TokNone)
		}
	}
	return dst
}

// heads emits the words the mention is the subject or object of, whatever
// they are, with the mention's part: "⟨T⟩ → resigned", "⟨T⟩ ← criticism"
// ("criticism of ⟨T⟩"), "⟨T⟩ ← accused" ("⟨T⟩ was accused").
func (e *Extractor) heads(m *mention, dst []Feature) []Feature {
	right, left := e.governors(m.tu)
	for _, g := range [2]governor{right, left} {
		if g.j < 0 {
			continue
		}
		u := e.units[g.j]
		dst = e.emit(dst, THead, u.neg, int8(g.rel), u.hash, 0, 0, u.tok, TokNone, TokNone)
	}
	return dst
}

// Owners of a sentiment word, for TLexOwner's Aux.
const (
	ownMention   = 1 // in the mention's clause, nearer the mention than any other actor
	ownOther     = 2 // in the mention's clause, nearer another actor
	ownOtherFar  = 3 // in another clause, which has another actor
	ownNone      = 4 // in another clause, without actors
	ownSpeech    = 5 // in what the mention says ("⟨T⟩ said ...", "..., said ⟨T⟩")
	ownAccused   = 6 // in what the mention accuses another of ("⟨T⟩ accused ⟨O⟩ of ...")
	numOwners    = 7
	ownerAuxBase = 4
)

var ownerNames = [numOwners]string{"", "⟨T⟩'s clause, nearest ⟨T⟩", "⟨T⟩'s clause, nearest ⟨O⟩", "⟨O⟩'s clause",
	"another clause", "what ⟨T⟩ says", "what ⟨T⟩ accuses of"}

// lexOwners marks each sentiment word by whose it is: the mention's, when
// it stands in the mention's clause nearer the mention than any other
// actor; another actor's, when that actor is nearer or has the clause; the
// mention's words, when the mention says them or accuses another of them.
// Aux is owner*4 + strong*2 + positive.
func (e *Extractor) lexOwners(m *mention, dst []Feature) []Feature {
	u, d, tu := e.units, m.d, m.tu
	right, left := e.governors(tu)
	// what the mention says or accuses another of: the words after the
	// verb it is the subject of, or before "said" just before it
	speechFrom, speechTo, speechOwner := -1, -1, 0
	if right.j >= 0 && right.rel == RelAgent {
		switch e.rel.class.at(u[right.j].hash) {
		case RelSay:
			speechFrom, speechTo, speechOwner = right.j+1, len(u), ownSpeech
		case RelAccuse:
			speechFrom, speechTo, speechOwner = right.j+1, len(u), ownAccused
		}
	}
	if speechOwner == 0 && left.j >= 0 && left.rel == RelAgent && e.rel.class.at(u[left.j].hash) == RelSay {
		speechFrom, speechTo, speechOwner = 0, left.j, ownSpeech
	}
	for j := range u {
		v, ok := e.unitValence(d, j)
		if !ok {
			continue
		}
		var own int8
		switch {
		case j >= speechFrom && j < speechTo:
			own = ownSpeech
			if speechOwner == ownAccused {
				own = ownAccused
			}
		case u[j].clause == u[tu].clause:
			own = ownMention
			if o := e.nearestOther(j); o >= 0 && abs(o-j) < abs(tu-j) {
				own = ownOther
			}
		default:
			own = ownNone
			if e.clauseHasOther(u[j].clause) {
				own = ownOtherFar
			}
		}
		aux := own*ownerAuxBase + b2i8(v >= 0.5 || v <= -0.5)*2 + b2i8(v > 0)
		dst = e.emit(dst, TLexOwner, false, aux, 0, 0, 0, u[j].tok, TokNone, TokNone)
	}
	return dst
}

// nearestOther returns the unit of the other actor nearest unit j in j's
// clause, or -1.
func (e *Extractor) nearestOther(j int) int {
	u := e.units
	best := -1
	for k := range u {
		if u[k].tok == TokOther && u[k].clause == u[j].clause && (best < 0 || abs(k-j) < abs(best-j)) {
			best = k
		}
	}
	return best
}

// clauseHasOther reports whether another actor stands in clause cl.
func (e *Extractor) clauseHasOther(cl int16) bool {
	for _, x := range e.units {
		if x.tok == TokOther && x.clause == cl {
			return true
		}
	}
	return false
}

// otherRelations emits what the other actors of the sentence do or
// undergo, by relation or cue class, and whether they stand in the
// mention's clause: "⟨O⟩ agent of attacking" tells a bystander that the
// violence is someone else's. Aux is class*4 + (relation-1)*2 + same
// clause, where class counts the relation classes, then the cue classes.
func (e *Extractor) otherRelations(m *mention, dst []Feature) []Feature {
	u := e.units
	for k := range u {
		if u[k].tok != TokOther {
			continue
		}
		right, left := e.governors(k)
		for _, g := range [2]governor{right, left} {
			if g.j < 0 {
				continue
			}
			c := int8(e.rel.class.at(u[g.j].hash))
			if c == 0 {
				if cc := e.cues.class.at(u[g.j].hash); cc != 0 {
					c = int8(NumRels) + int8(cc)
				}
			}
			if c == 0 {
				continue
			}
			aux := c*4 + int8(g.rel-1)*2 + b2i8(u[k].clause == u[m.tu].clause)
			dst = e.emit(dst, TRelOther, u[g.j].neg, aux, 0, 0, 0, u[g.j].tok, TokNone, TokNone)
		}
	}
	return dst
}

// otherClauseWords emits the words of the clauses that hold another
// actor and not the mention: what happens there is most likely the other
// actor's, and the mention's only by spillover.
func (e *Extractor) otherClauseWords(m *mention, dst []Feature) []Feature {
	u := e.units
	cl := u[m.tu].clause
	for i := range u {
		if u[i].tok < 0 || u[i].clause == cl || m.d.Tokens[u[i].tok].Flags&FlagWord == 0 || !e.clauseHasOther(u[i].clause) {
			continue
		}
		dst = e.emit(dst, TOClause, u[i].neg, 0, u[i].hash, 0, 0, u[i].tok, TokNone, TokNone)
	}
	return dst
}

// winClause emits the window words that stand beyond a clause boundary
// from the mention, with their side: "⟨T⟩ won, but ⟨O⟩ lost" gives "lost"
// as a word past the mention's clause, not a word of it.
func (e *Extractor) winClause(m *mention, dst []Feature) []Feature {
	u, tu, w := e.units, m.tu, e.cfg.Window
	if w == 0 {
		w = DefaultConfig().Window
	}
	cl := u[tu].clause
	for side := -1; side <= 1; side += 2 {
		for d := 1; d <= w; d++ {
			j := tu + side*d
			if j < 0 || j >= len(u) {
				break
			}
			if u[j].clause == cl || u[j].tok >= 0 && m.d.Tokens[u[j].tok].Flags&FlagWord == 0 {
				continue
			}
			dst = e.emit(dst, TWinClause, u[j].neg, int8(side), u[j].hash, 0, 0, u[j].tok, TokNone, TokNone)
		}
	}
	return dst
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func b2i8(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

// rendering of the relation templates, for FeatureName

func renderRel(b []byte, d *Doc, f Feature) []byte {
	c, rel, other := RelClass(f.Aux/8), Relation(f.Aux%8/2), f.Aux%2 == 1
	b = append(b, "⟨T⟩ "...)
	b = append(b, rel.String()...)
	b = append(b, " of "...)
	b = append(b, c.String()...)
	if other {
		b = append(b, " with ⟨O⟩"...)
	}
	b = append(b, " ("...)
	return append(d.word(b, f.Toks[0]), ')')
}

func renderRelOther(b []byte, d *Doc, f Feature) []byte {
	c, rel, same := f.Aux/4, Relation(f.Aux%4/2+1), f.Aux%2 == 1
	b = append(b, "⟨O⟩ "...)
	if !same {
		b = append(b, "in another clause "...)
	}
	b = append(b, rel.String()...)
	b = append(b, " of "...)
	if c < int8(NumRels) {
		b = append(b, RelClass(c).String()...)
	} else {
		b = append(b, CueClass(c-int8(NumRels)).String()...)
	}
	b = append(b, " ("...)
	return append(d.word(b, f.Toks[0]), ')')
}

func renderOClause(b []byte, d *Doc, f Feature) []byte {
	return d.word(append(b, "⟨O⟩'s clause: "...), f.Toks[0])
}

func renderHead(b []byte, d *Doc, f Feature) []byte {
	if Relation(f.Aux) == RelPatient {
		return d.word(append(b, "⟨T⟩ undergoes: "...), f.Toks[0])
	}
	return d.word(append(b, "⟨T⟩ does: "...), f.Toks[0])
}

func renderLexOwner(b []byte, d *Doc, f Feature) []byte {
	own, a := f.Aux/ownerAuxBase, f.Aux%ownerAuxBase
	b = lexiconWord(b, d, f, a&1 == 1)
	if own > 0 && int(own) < numOwners {
		b = append(b, ownerNames[own]...)
	}
	return append(b, ')')
}

func renderWinClause(b []byte, d *Doc, f Feature) []byte {
	if f.Aux > 0 {
		return d.word(append(b, "⟨T⟩ … | "...), f.Toks[0])
	}
	return append(d.word(b, f.Toks[0]), " | … ⟨T⟩"...)
}
