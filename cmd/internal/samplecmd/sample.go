// Package samplecmd implements `peakstaff sample`: it writes the bundled
// sample exports of a mid-size shop into a folder.
package samplecmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/sample"
)

// Options are the inputs of the sample command.
type Options struct {
	IO *iostreams.IOStreams

	Out   string
	Seed  uint64
	Scale float64
	Force bool
	JSON  bool
}

// NewCmdSample builds the command; runF replaces the work in tests.
func NewCmdSample(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "sample --out DIR [flags]",
		Short: "Write the bundled sample exports of a mid-size shop",
		Long: `Write the sample data the demo runs on: two years (2024-2025) of the
helpdesk exports of "Northwind Outfitters", an apparel shop with a US web
store and a Tmall store, as the vendors write them:

  freshdesk_tickets_2024.csv    Freshdesk ticket export (2024, before the move to Zendesk)
  zendesk_tickets_2025H1.csv    Zendesk ticket exports of 2025, in two halves
  zendesk_tickets_2025H2.csv      that overlap from June 15 to June 30
  aircall_calls.csv             Aircall call log (UTF-8 with BOM)
  qianniu_chats_2024-2025.csv   Tmall chat sessions from Qianniu (GBK, China time, summary rows)
  orders_daily.csv              daily orders per store, for the contact ratio
  types.yaml                    issue-type rules for peakstaff import --types
  README.md                     the story, each file's quirks and the true parameters

Black Friday / Cyber Monday and Double 11 peaks, weekday and intraday
patterns, eight issue types with their own handle times. The same --seed
and --scale always give byte-identical files. DIR is created if needed;
existing files are refused unless --force. Each file is written atomically.

Output: one row per file: file, rows (records after the header, summary
rows included; rules in types.yaml; 0 for README.md), bytes. A table on a
terminal, tab-separated values when piped. --json prints
  {"dir": DIR, "files": [{"name", "rows", "bytes"}]}

Exit codes: 0 ok; 2 bad flags or a file that exists without --force; 1 other errors.`,
		Example: `  peakstaff sample --out sample
  peakstaff sample --out /tmp/small --scale 0.1 --seed 7 --json
  peakstaff import sample/*.csv --tz America/New_York --types sample/types.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return diag.Usagef("--out DIR is required: the folder to write the sample into")
			}
			if err := sampleOptions(opts).Validate(); err != nil {
				return diag.Usagef("--scale %v: expected a factor above 0 and at most 10, such as 1 or 0.1", opts.Scale)
			}
			if runF != nil {
				return runF(opts)
			}
			return sampleRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "folder to write the files into (created if needed)")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed gives the same files")
	f.Float64Var(&opts.Scale, "scale", 1, "volume factor: 1 is the story's shop (about 180,000 contacts), 0.1 a small sample")
	f.BoolVar(&opts.Force, "force", false, "overwrite files that already exist")
	f.BoolVar(&opts.JSON, "json", false, `print {"dir","files":[{"name","rows","bytes"}]}`)
	cmdutil.CompleteDir(cmd, "out")
	return cmd
}

func sampleOptions(opts *Options) sample.Options {
	o := sample.DefaultOptions()
	o.Seed, o.Scale = opts.Seed, opts.Scale
	return o
}

// FileResult is one written file in the JSON output.
type FileResult struct {
	Name  string `json:"name"`
	Rows  int    `json:"rows"`
	Bytes int64  `json:"bytes"`
}

// Result is the JSON output.
type Result struct {
	Dir   string       `json:"dir"`
	Files []FileResult `json:"files"`
}

func sampleRun(opts *Options) error {
	files, err := sample.Files(sampleOptions(opts))
	if err != nil {
		return err
	}
	// Refuse before writing anything, so a refused run leaves the folder as it was.
	for _, f := range files {
		if err := outfile.CheckOutputPath(filepath.Join(opts.Out, f.Name), opts.Force, nil); err != nil {
			return err
		}
	}
	if st, err := os.Stat(opts.Out); err == nil && !st.IsDir() {
		return diag.Usagef("--out %s is a file; expected a folder", opts.Out)
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return err
	}
	res := Result{Dir: opts.Out}
	for _, f := range files {
		path := filepath.Join(opts.Out, f.Name)
		var n int64
		err := outfile.WriteFileAtomic(path, opts.Force, nil, func(w io.Writer) error {
			cw := &countingWriter{w: w}
			err := f.Write(cw)
			n = cw.n
			return err
		})
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		res.Files = append(res.Files, FileResult{Name: f.Name, Rows: f.Rows, Bytes: n})
	}
	if opts.JSON {
		return term.PrintJSON(opts.IO.Out, res)
	}
	tbl := term.NewTable(opts.IO, "file", "rows", "bytes").Title("Sample written to " + opts.Out)
	for _, f := range res.Files {
		tbl.Row(f.Name, f.Rows, f.Bytes)
	}
	return tbl.Render()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
