package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/importers"
)

// What a shell completes for a flag's value or an argument (cobra's
// `peakstaff completion bash|zsh|fish|powershell`). A flag that is not
// defined is a programmer's error and panics.

// Extensions of the files the commands read.
var (
	// YAMLFiles are plan, policy, rules, types and map files.
	YAMLFiles = []string{"yaml", "yml"}
	// TableFiles are exports, series, demand and agents files as import
	// reads them.
	TableFiles = []string{"csv", "tsv", "txt", "xlsx", "json", "jsonl", "ndjson", "parquet", "zip", "gz"}
	// CSVFiles are the outputs written as CSV.
	CSVFiles = []string{"csv"}
)

// Encodings are the text encodings --encoding names.
var Encodings = []string{"utf-8", "utf-16le", "utf-16be", "gbk", "gb18030", "windows-1252"}

// CompleteFiles completes the flag's value with files of these extensions
// (any file without one).
func CompleteFiles(cmd *cobra.Command, flag string, exts ...string) {
	must(flag, cmd.MarkFlagFilename(flag, exts...))
}

// CompleteDir completes the flag's value with folders.
func CompleteDir(cmd *cobra.Command, flag string) {
	must(flag, cmd.MarkFlagDirname(flag))
}

// CompleteWords completes the flag's value with the words that start
// with what is typed (no file).
func CompleteWords(cmd *cobra.Command, flag string, words ...string) {
	must(flag, cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, w := range words {
			if strings.HasPrefix(w, typed) {
				out = append(out, w)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}))
}

// FileArgs completes every argument with files of these extensions.
func FileArgs(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// CompleteSourceFlags registers the completions of the source flags
// (AddSourceFlags): the importers' format names, map and types files, the
// encodings, day/month orders and channels.
func CompleteSourceFlags(cmd *cobra.Command) {
	CompleteWords(cmd, "format", importers.FormatNames()...)
	CompleteFiles(cmd, "map", YAMLFiles...)
	CompleteFiles(cmd, "types", YAMLFiles...)
	CompleteWords(cmd, "encoding", Encodings...)
	CompleteWords(cmd, "date-order", "dmy", "mdy", "swapped")
	var channels []string
	for _, c := range importers.Channels {
		channels = append(channels, string(c))
	}
	CompleteWords(cmd, "channel", channels...)
}

func must(flag string, err error) {
	if err != nil {
		panic(fmt.Sprintf("completion of --%s: %v", flag, err))
	}
}
