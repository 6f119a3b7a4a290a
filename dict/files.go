package dict

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Format is a dictionary file format.
type Format uint8

const (
	FormatOurs Format = iota
	FormatPetrarchVerbs
	FormatPetrarchActors
	FormatPetrarchAgents
	FormatPetrarchDiscards
	FormatPetrarchIssues
)

var formatNames = [...]string{"redline", "petrarch-verbs", "petrarch-actors", "petrarch-agents",
	"petrarch-discards", "petrarch-issues"}

func (f Format) String() string { return formatNames[f] }

var (
	reOurs       = regexp.MustCompile(`(?m)^(!kind\s|[A-Z][A-Z0-9]{2,}:\s|&[A-Za-z_]+\s*=|[0-9]{2,4}\s+\S|[ \t]+[A-Z][A-Z0-9]{2,}[ \t]+[0-9-]*\.\.)`)
	reVerbs      = regexp.MustCompile(`(?m)^(---\s.*---\s*$|#+\s*VERB PATTERNS)`)
	reAgents     = regexp.MustCompile(`\[\s*~|~\s*\]`)
	reIssues     = regexp.MustCompile(`(?m)^<ISSUE\s`)
	rePetrActors = regexp.MustCompile(`(?m)^[^#\s].*\[[A-Za-z0-9/+-]+[^\]]*\]`)
)

// DetectFormat guesses the format of a dictionary file from its content.
func DetectFormat(b []byte) Format {
	// Judge on content without comment lines, which may say anything.
	var body bytes.Buffer
	for _, l := range bytes.Split(b, []byte("\n")) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			body.Write(l)
			body.WriteByte('\n')
		}
	}
	c := body.Bytes()
	switch {
	case reVerbs.Match(c):
		return FormatPetrarchVerbs
	case reIssues.Match(c):
		return FormatPetrarchIssues
	case reOurs.Match(c):
		return FormatOurs
	case reAgents.Match(c):
		return FormatPetrarchAgents
	case rePetrActors.Match(c):
		return FormatPetrarchActors
	}
	return FormatPetrarchDiscards
}

// LoadFiles reads dictionary files and directories (every *.txt file under
// a directory), detecting each file's format (our own or a PETRARCH/TABARI
// one); later files add to and override earlier ones, as --dict does.
func LoadFiles(paths []string, opt Options) (*Dictionary, error) {
	d := &Dictionary{}
	var errs []error
	for _, p := range paths {
		files, err := dictFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			x, ferrs := readFile(filepath.ToSlash(f), b, d.synsets, defaultSynsets())
			errs = append(errs, ferrs...)
			d.merge(x)
		}
	}
	if len(errs) > 0 && !opt.Lenient {
		return nil, errorList(errs)
	}
	d.Warnings = append(d.Warnings, errs...)
	d.compile()
	return d, nil
}

// dictFiles lists the dictionary files a path names: the file itself, or
// the *.txt files under a directory in lexical order.
func dictFiles(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(fp string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() && strings.HasSuffix(fp, ".txt") {
			files = append(files, fp)
		}
		return err
	})
	return files, err
}

// readFile reads one file in its detected format into a new, uncompiled
// Dictionary.
func readFile(name string, b []byte, synsets ...map[string][]string) (*Dictionary, []error) {
	x := &Dictionary{}
	var errs []error
	switch DetectFormat(b) {
	case FormatOurs:
		errs = x.readOurs(name, b)
	case FormatPetrarchVerbs:
		errs = x.readPetrVerbs(name, b)
	case FormatPetrarchActors:
		errs = x.readPetrActors(name, b)
	case FormatPetrarchAgents:
		errs = x.readPetrAgents(name, b)
	case FormatPetrarchIssues:
		errs = x.readPetrIssues(name, b)
	default:
		errs = x.readPetrDiscards(name, b)
	}
	errs = append(errs, x.resolvePatterns(synsets...)...)
	return x, errs
}

// defaultSynsets returns the synsets of the embedded dictionaries, which
// user files may use; nil when the defaults do not load.
func defaultSynsets() map[string][]string {
	if d, err := Default(); err == nil {
		return d.synsets
	}
	return nil
}
