package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// A plan's problems are *diag.Error values: where the problem is (Line
// and Column are 1-based, 0 when unknown), the key as the plan writes it
// (season.interval, scenarios[1].hires.new) in Field, and what was
// expected, of the class diag.InvalidData (exit code 3). With them come
// *policy.Error for the channels' settings and *rosterio.ParseError for
// the team's rules and agents; LoadPlan returns them in file and line
// order, in a diag.List. invalid makes one.
func invalid(file string, line, column int, key string, err error) *diag.Error {
	return diag.At(file, line, column, key, diag.As(diag.InvalidData, err))
}

// problems collects the problems of one plan as they are found.
type problems struct {
	file string
	root *yaml.Node // the plan's document
	list []error
}

// add records problems found by another package: policy.Errors and
// rosterio's diag.List of a file's problems are taken apart.
func (ps *problems) add(err error) {
	var pl policy.Errors
	var list interface {
		Unwrap() []error
		Truncated() bool
	}
	switch {
	case err == nil:
	case errors.As(err, &pl):
		for _, e := range pl {
			ps.addOne(e)
		}
	case errors.Is(err, rosterio.ErrInvalidFile) && errors.As(err, &list):
		errs := list.Unwrap()
		for _, e := range errs {
			ps.addOne(e)
		}
		if file, _, _, _ := placeOf(errs[0]); list.Truncated() {
			ps.addOne(invalid(file, 0, 0, "", fmt.Errorf("stopped after %d errors", rosterio.MaxParseErrors)))
		}
	default:
		ps.addOne(err)
	}
}

// addOne records one problem, unless the same file, line and key already
// has one (a value of the wrong kind is not reported again as missing).
func (ps *problems) addOne(err error) {
	file, line, _, key := placeOf(err)
	if line > 0 && slices.ContainsFunc(ps.list, func(x error) bool {
		f, l, _, k := placeOf(x)
		return f == file && l == line && k == key
	}) {
		return
	}
	ps.list = append(ps.list, err)
}

// placeOf is where a problem is: its file, line, column and key.
func placeOf(err error) (string, int, int, string) {
	var a *diag.Error // the plan's, and rosterio.ParseError
	var b *policy.Error
	switch {
	case errors.As(err, &a):
		return a.File, a.Line, a.Column, a.Field
	case errors.As(err, &b):
		return b.File, b.Line, b.Column, b.Key
	}
	return "", 0, 0, ""
}

// at records a problem of the value at path (season.interval,
// history[0].file) of the plan, placed at it: at the value when it is a
// single value, at the key otherwise, and at the deepest key the plan
// has when the path is not all there.
func (ps *problems) at(path string, format string, a ...any) {
	line, col := position(ps.root, path)
	ps.addOne(invalid(ps.file, line, col, path, fmt.Errorf(format, a...)))
}

// atNode records a problem of the value n, known as key.
func (ps *problems) atNode(n *yaml.Node, key string, format string, a ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	ps.addOne(invalid(ps.file, line, col, key, fmt.Errorf(format, a...)))
}

// err returns the problems in order, in a diag.List (at most
// diag.DefaultMax of them): the plan's by line, then those of the files it
// names, each file's by line; nil when there are none.
func (ps *problems) err() error {
	var files []string
	for _, e := range ps.list {
		if f, _, _, _ := placeOf(e); !slices.Contains(files, f) && f != ps.file {
			files = append(files, f)
		}
	}
	rank := func(f string) int {
		if f == ps.file {
			return -1
		}
		return slices.Index(files, f)
	}
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(x, y error) int {
		fx, lx, cx, _ := placeOf(x)
		fy, ly, cy, _ := placeOf(y)
		return cmp.Or(rank(fx)-rank(fy), lx-ly, cx-cy)
	})
	var list diag.List
	for _, e := range out {
		list.Add(e)
	}
	return list.Err()
}

// segments splits a key path into its keys and list indexes:
// history[0].file is history, [0], file.
func segments(path string) []string {
	var out []string
	for part := range strings.SplitSeq(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" {
			out = append(out, key)
		}
		for rest != "" {
			idx, more, _ := strings.Cut(rest, "]")
			out = append(out, "["+idx+"]")
			rest = strings.TrimPrefix(more, "[")
		}
	}
	return out
}

// position finds the line and column of a key path in the document: the
// value's when it is a single value, the key's (or the list item's)
// otherwise; the deepest key found when the path is not all there; 0, 0
// when none of it is.
func position(root *yaml.Node, path string) (int, int) {
	n := docNode(root)
	line, col := 0, 0
	for _, seg := range segments(path) {
		n = resolve(n)
		var key, next *yaml.Node
		switch {
		case n == nil:
		case strings.HasPrefix(seg, "["):
			i, err := strconv.Atoi(strings.Trim(seg, "[]"))
			if err == nil && n.Kind == yaml.SequenceNode && i >= 0 && i < len(n.Content) {
				key, next = n.Content[i], n.Content[i]
			}
		case n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					key, next = n.Content[i], n.Content[i+1]
				}
			}
		}
		if key == nil {
			return line, col
		}
		line, col = key.Line, key.Column
		n = next
	}
	if n = resolve(n); n != nil && n.Kind == yaml.ScalarNode {
		return n.Line, n.Column
	}
	return line, col
}

// docNode is the top node of a document.
func docNode(root *yaml.Node) *yaml.Node {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		return root.Content[0]
	}
	return root
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
