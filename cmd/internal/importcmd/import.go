// Package importcmd implements `peakstaff import`.
package importcmd

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/plan"
)

// Options are the inputs of the import command.
type Options struct {
	IO *iostreams.IOStreams

	cmdutil.Source
	Strict bool
	Out    string
	Force  bool
	JSON   bool
}

// NewCmdImport builds the command; runF replaces the work in tests.
func NewCmdImport(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "import FILE[@ZONE]... [flags]",
		Short: "Read helpdesk exports and summarise the contacts they hold",
		Long: `Read helpdesk exports as they are downloaded and normalize them into one record
per contact (ticket, conversation or call).

The format is detected from each file's header; --format forces one. Files may
be CSV (any of , ; tab |, UTF-8 with or without BOM, UTF-16, GBK/GB18030), XLSX,
JSON/NDJSON, Parquet (a warehouse's export: see "From your warehouse" in the
README), or a zip or gzip holding one of them.

Formats: ` + strings.Join(importers.FormatNames(), ", ") + `.
Any other file: the columns are guessed from their names (English, Spanish,
Portuguese, German, French, Italian, Dutch, Chinese) and values (dates, a
time of day, ids, categories, channel words, durations). When the created
column is clear the file is read with the guessed map (format "guessed"),
printed as a warning and in --json as a --map string to check and keep;
when it is not, the import fails and shows the best guess. Name the
columns yourself with --map, e.g.
  --map created="Opened At",type=Reason,channel=Source,handle="Talk time"
or a YAML file of field: column pairs (--map map.yaml). Fields: id, created,
time (a separate time-of-day column), first_response,
first_response_minutes, resolved, closed, updated, channel, type, category,
tags, subject, status, priority, agent, group, handle, count, direction;
settings: default_channel, handle_unit, date_order.

Day/month order: learnt from each date column (13/05 proves day-first).
Where ticket ids grow with time, dates that break their order and fit it
with day and month swapped (a spreadsheet round-trip) are counted in a
warning with the months affected; --date-order swapped (date_order: swapped
in a map) reads the ambiguous dates of such a column the other way.

A contact is counted once however many rows or files repeat it. Bad rows are
reported with file, line, column and reason (the first 20, then a count);
rows that are not contacts (summary footers) are skipped and counted.

--json prints one object:
  files[]: path, format, encoding, rows, contacts, duplicates, rejected,
           rejected_by_reason{}, skipped{}, field_errors, first, last,
           warnings[], errors[] (line, column, field, error; first 20),
           map (the column map read with, given or guessed), swapped_dates
  contacts, outbound, first, last (RFC 3339), by_channel{}, by_issue_type{},
  by_month{"2025-11": N}

Exit codes: 0 ok; 2 bad flags; 3 invalid data (unknown format, no contact
read, or any bad row with --strict); 1 other errors.`,
		Example: `  peakstaff import tickets.csv calls.csv --tz America/New_York
  peakstaff import export.csv --types types.yaml --out contacts.csv
  peakstaff import cases.xlsx --map created="Opened",type="Reason" --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return diag.Usagef("import needs at least one FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := cmdutil.ValidateSource(&opts.Source); err != nil {
				return err
			}
			if opts.Out != "" {
				ext := strings.ToLower(filepath.Ext(opts.Out))
				if ext != ".csv" && ext != ".jsonl" {
					return diag.Usagef("--out %s: expected a .csv or .jsonl file", opts.Out)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	cmdutil.AddSourceFlags(f, &opts.Source)
	f.BoolVar(&opts.Strict, "strict", false, "fail (exit 3) on any bad row or value")
	f.StringVarP(&opts.Out, "out", "o", "", "write the normalized contacts to this .csv or .jsonl file")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	f.BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	cmd.ValidArgsFunction = cmdutil.FileArgs(cmdutil.TableFiles...)
	cmdutil.CompleteFiles(cmd, "out", "csv", "jsonl")
	cmdutil.CompleteSourceFlags(cmd)
	return cmd
}

func importRun(ctx context.Context, opts *Options) error {
	iopts, specs, paths, err := cmdutil.FileSpecs(&opts.Source)
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := outfile.CheckOutputPath(opts.Out, opts.Force, paths); err != nil {
			return err
		}
	}
	set, err := plan.ReadExports(ctx, specs, iopts, opts.IO.In)
	if err != nil {
		return err
	}
	cmdutil.CutHistory(opts.IO.ErrOut, &opts.Source, set)
	sum := set.Summarize()

	errCount := 0
	for _, f := range set.Files {
		errCount += f.ErrorCount
	}
	cmdutil.PrintReadErrors(opts.IO.ErrOut, set)
	cmdutil.PrintPlausibility(opts.IO.ErrOut, set)

	if opts.JSON {
		if err := term.PrintJSON(opts.IO.Out, toJSON(set, sum)); err != nil {
			return err
		}
	} else if err := printSummary(opts.IO, set, sum); err != nil {
		return err
	}

	if opts.Strict && errCount > 0 {
		return fmt.Errorf("%w: %d bad rows or values (--strict); nothing written", importers.ErrBadRows, errCount)
	}
	if sum.Contacts == 0 {
		return fmt.Errorf("%w: no contact could be read from %s", importers.ErrInvalidData, strings.Join(opts.Files, ", "))
	}
	if opts.Out != "" {
		write := importers.WriteCSV
		if strings.EqualFold(filepath.Ext(opts.Out), ".jsonl") {
			write = importers.WriteJSONL
		}
		err := outfile.WriteFileAtomic(opts.Out, opts.Force, paths, func(w io.Writer) error {
			return write(w, set.All())
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d contacts to %s\n", set.Len(), opts.Out)
	}
	return nil
}
