// Package filepos formats the errors of input files the scheduling
// packages read (requirements, agents, rules, shifts) in one shape,
// file:line:column: field: message, so every command reports them alike.
package filepos

import (
	"fmt"
	"strings"
)

// Format writes file[:line[:column]]: [field: ]message. Line and column are
// 1-based; 0 leaves them out (an error of the whole file or row).
func Format(file string, line, column int, field string, err error) string {
	var b strings.Builder
	b.WriteString(file)
	if line > 0 {
		fmt.Fprintf(&b, ":%d", line)
		if column > 0 {
			fmt.Fprintf(&b, ":%d", column)
		}
	}
	b.WriteString(": ")
	if field != "" {
		b.WriteString(field + ": ")
	}
	if err != nil {
		b.WriteString(err.Error())
	}
	return b.String()
}

// List joins the messages of one file's errors, one per line, and notes
// when reading stopped after max of them.
func List(msgs []string, truncated bool, max int) string {
	if truncated {
		msgs = append(msgs, fmt.Sprintf("(stopped after %d errors)", max))
	}
	return strings.Join(msgs, "\n")
}
