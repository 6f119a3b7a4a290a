package coder

// Closed word classes the coder's rules need. They come from English grammar
// (modals, negators, reporting verbs, control verbs), not from any dictionary
// of events: the event vocabulary lives in the verb dictionary.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	futureAux       = set("will", "shall", "'ll", "wo")
	hypotheticalAux = set("would", "could", "might", "may", "should", "can", "'d", "must", "ought", "ca")
	negators        = set("not", "n't", "never", "no", "neither", "nor", "nt")
	// conditional markers of an adverbial clause.
	conditionalMark = set("if", "unless", "whether", "lest", "provided", "once", "in case")
	// Verbs whose clausal complement reports what someone said: the
	// complement's events are attributed to the speaker.
	reportingVerbs = set("say", "tell", "announce", "claim", "report", "state", "add", "note", "insist",
		"confirm", "allege", "argue", "assert", "declare", "write", "explain", "suggest", "acknowledge",
		"admit", "disclose", "reveal", "indicate", "stress", "emphasize", "emphasise", "believe", "think",
		"know", "quote", "recall", "contend", "maintain", "reiterate", "affirm", "tweet", "post")
	// Verbs and nouns whose complement is an intention or plan: its event has
	// not happened yet.
	// ("decided to ease sanctions" is the easing itself; "hoped to resume
	// flights" a wish, in hypotheticalHeads.)
	intentHeads = set("plan", "intend", "want", "aim", "prepare", "seek", "mean",
		"agree", "promise", "pledge", "vow", "vote", "propose", "consider", "mull", "weigh",
		"intent", "intention", "plan", "plot", "bid", "attempt", "effort", "readiness", "willingness",
		"desire", "determination", "prepared", "ready", "willing", "set", "poised", "likely", "due", "about", "going")
	// Adjectives whose infinitive is their subject's own act ("ready to
	// talk"), which therefore never have an expletive subject.
	controlAdjectives = set("ready", "willing", "unwilling", "prepared", "poised", "determined", "eager", "keen",
		"able", "unable", "reluctant")
	// Verbs and nouns whose complement did not or may not happen.
	hypotheticalHeads = set("hope", "wish", "expect", "threat", "threaten", "risk", "possibility", "prospect", "fear", "danger",
		"warn", "warning", "chance", "scenario", "try", "allow", "permit", "urge", "ask", "call",
		"demand", "request", "appeal", "press", "push", "encourage", "invite", "suspect", "accuse", "charge", "allege",
		"allegation", "accusation",
		"rumor", "rumour", "speculation", "imminent", "possible", "unlikely", "guarantee", "assurance",
		// An ability is not its use: "hackers capable of launching cyber warfare".
		"capable", "capability", "ability", "capacity")
	negatingHeads = set("deny", "refuse", "reject", "fail", "avoid", "decline", "rule", "dismiss", "halt",
		"stop", "cancel", "abandon", "prevent", "deter", "forbid", "ban", "without", "instead")
	// Verbs whose object, not subject, does what the infinitive says:
	// "urged Iran to release", "called on Russia to withdraw".
	objectControl = set("urge", "ask", "call", "tell", "order", "force", "allow", "permit", "persuade",
		"invite", "encourage", "press", "pressure", "push", "warn", "advise", "request", "instruct",
		"compel", "help", "enable", "expect", "want", "need", "require", "get", "convince", "beg", "implore",
		"appeal", "lead", "cause", "prompt", "let", "make")
	// Verbs that judge someone for what they did, named in an adverbial
	// clause: "accused Russia of invading", "praised Kyiv for holding".
	judgingVerbs = set("accuse", "charge", "blame", "suspect", "condemn", "criticize", "criticise", "convict",
		"indict", "praise", "thank", "commend", "fault", "denounce", "punish")
	// Nouns for a message whose "that" clause says what it says: "issued a
	// reminder that Iraq must cooperate".
	messageNouns = set("reminder", "message", "statement", "letter", "note", "declaration", "communique",
		"notice", "warning", "signal")
	// Singular nouns for a body of people, which "it" can refer to: "the
	// army said it killed".
	collectiveNouns = set("army", "military", "government", "police", "ministry", "council", "parliament", "court",
		"party", "group", "movement", "coalition", "alliance", "administration", "cabinet", "navy", "junta",
		"regime", "committee", "commission", "agency", "authority", "force", "embassy", "office")
	// Verbs of acts only a state does.
	stateVerbs = set("arrest", "detain", "imprison", "jail", "indict", "convict", "sentence", "deport", "extradite",
		"expel", "prosecute")
	// Verbs that carry a nominal event: "launched an offensive", "held talks".
	lightVerbs = set("launch", "carry", "conduct", "hold", "stage", "begin", "start", "make", "mount",
		"wage", "continue", "resume", "pursue", "step", "escalate", "intensify", "undertake", "perform",
		"commit", "give", "issue", "deliver", "announce", "order", "unleash", "open", "impose", "take", "have",
		"engage", "join", "attend", "host", "sign", "reach", "seal", "strike", "broker", "offer", "provide", "send", "extend",
		"organize", "organise", "declare", "involve", "spearhead", "plan", "prepare", "call", "lead", "orchestrate",
		"tighten", "enforce", "widen", "expand", "reinforce")
	// Adjectives of blame whose subject did what their "for"/"of" phrase
	// names: "responsible for the killings", "guilty of violating".
	culpableAdjectives = set("responsible", "guilty", "culpable", "liable")
	// Participles that are adjectives after "be": "were engaged in",
	// "is involved in", "are prepared to". Their subject is the actor.
	statePassives = set("engage", "involve", "prepare", "poise", "determine", "commit", "dedicate", "set", "resolve",
		"oppose", "concern", "worry", "alarm", "disappoint", "satisfy", "please", "convince")
	// Roles that make a political actor even when no country is named.
	politicalRoles = set("GOV", "MIL", "REB", "INS", "OPP", "SPY", "COP", "LEG", "JUD", "UAF", "SEP", "PTY", "ELI", "GOVMIL")
	// Pronouns of the speaker and the addressee: outside a quotation they
	// are the writer and the reader, not actors.
	speechPronouns = set("i", "me", "my", "you", "your", "we", "us", "our")
	// Words that open an adverbial clause; as a parse's "case" of a noun
	// before a finite verb they mark that noun as the clause's subject.
	subordinators = set("after", "before", "since", "when", "until", "as", "because", "while", "once", "although", "though")
	// Pronouns that refer back to a person.
	personPronouns = set("he", "she", "him", "her", "his", "hers", "himself", "herself")
	// Pronouns that refer back to a group, country or organisation.
	groupPronouns    = set("they", "them", "their", "theirs", "themselves", "it", "its", "itself", "we", "us", "our")
	relativePronouns = set("who", "which", "that", "whom", "whose")
	// Participles whose hyphenated first half owns the noun: "U.S.-led".
	controlParticiples = set("lead", "control", "run", "own", "dominate", "command")
	// Reflexives, bound by their clause's subject.
	reflexivePronouns = set("themselves", "itself", "himself", "herself", "ourselves", "yourselves", "myself", "yourself")
	// Verbs whose subject "it" is usually an expletive: "it comes to", "it
	// seems", "it is time".
	expletiveVerbs = set("be", "seem", "appear", "come", "remain", "happen", "take", "mean", "matter", "look", "go")
	// Nouns that stand for previously named actors: "the two countries".
	anaphoricNouns = set("country", "countries", "nation", "nations", "side", "sides", "leader", "leaders",
		"government", "governments", "state", "states", "neighbour", "neighbours", "neighbor", "neighbors",
		"party", "parties", "rival", "rivals", "ally", "allies", "president", "minister", "group", "movement",
		"presidents", "ministers", "premiers", "chancellors", "delegations", "armies", "militaries", "capitals", "powers")
	// Prepositions that date one event by another: an event noun they
	// introduce is background ("rioted after a demonstration").
	timeFrames = set("after", "following", "before", "since", "amid", "amidst")
	// Verbs that name or judge their object by a second noun or adjective
	// ("called the ruling arbitrary"): then no bare pattern of theirs applies.
	namingVerbs = set("call", "dub", "term", "label", "brand", "name")
	// Words that single out one of a series: "the first country to
	// recognize" did recognize.
	ordinals = set("first", "last", "only", "second", "third", "latest", "next")
	// Adverbial particles of phrasal verbs ("ship out", "hand over").
	particles = set("out", "over", "off", "up", "down", "back", "away")
	// Spans that introduce a source: "according to", "citing".
	accordingTo = set("according", "citing", "per")
)
