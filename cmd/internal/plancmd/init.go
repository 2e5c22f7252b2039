package plancmd

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/plan"
)

// InitOptions are the inputs of the init command.
type InitOptions struct {
	IO *iostreams.IOStreams
	// ctx is cancelled by SIGINT or SIGTERM: the import stops (exit 130)
	ctx context.Context

	Source cmdutil.Source
	Out    string
	Force  bool
	Now    func() time.Time
}

// NewCmdInit builds the command; runF replaces the work in tests.
func NewCmdInit(ios *iostreams.IOStreams, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: ios, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "init [--from EXPORT...] [--out plan.yaml]",
		Short: "Write a commented starter plan, inferred from your exports",
		Long: `Write a starter plan file with every key commented. With --from, the exports
are read (as import reads them) and the plan lists them with their detected
formats, and proposes the season (the next Black Friday / Cyber Monday or
Double 11 after the history, whichever the history's busiest event was),
the channels found and the issue types found (most frequent first).

Without --out the plan is printed. Exit codes: 0 ok; 2 bad flags; 3 an
export cannot be read; 1 other errors.`,
		Example: `  peakstaff init --from tickets_2025.csv --from calls.csv --tz America/New_York --out plan.yaml
  peakstaff init > plan.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ctx = cmd.Context()
			if err := cmdutil.ValidateSource(&opts.Source); err != nil {
				return err
			}
			if opts.Out != "" && !strings.HasSuffix(strings.ToLower(opts.Out), ".yaml") && !strings.HasSuffix(strings.ToLower(opts.Out), ".yml") {
				return diag.Usagef("--out %s: expected a .yaml file", opts.Out)
			}
			// a file name is taken as given: "tickets, 2025.csv" is one
			// file; several go in repeated flags or a list with the OS's
			// separator (: or ;)
			var files []string
			for _, v := range opts.Source.Files {
				files = append(files, filepath.SplitList(v)...)
			}
			opts.Source.Files = files
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Source.Files, "from", nil, "exports of last year's contacts to infer the plan from (repeat the flag for several)")
	cmdutil.AddSourceFlags(f, &opts.Source)
	f.StringVarP(&opts.Out, "out", "o", "", "write the plan to this file (default: print it)")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	cmdutil.CompleteFiles(cmd, "from", cmdutil.TableFiles...)
	cmdutil.CompleteFiles(cmd, "out", cmdutil.YAMLFiles...)
	cmdutil.CompleteSourceFlags(cmd)
	return cmd
}

func initRun(opts *InitOptions) error {
	src := &opts.Source
	inf := plan.Starter{TZ: src.TZ, TypesFile: src.Types, DateOrder: src.DateOrder, Channel: src.Channel, HistoryEnd: src.HistoryEnd}
	var inputs []string
	if len(src.Files) > 0 {
		ctx := opts.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		set, paths, err := cmdutil.LoadContext(ctx, opts.IO, src)
		if err != nil {
			return err
		}
		inputs = paths
		inf.Infer(set)
	} else {
		inf.Season = plan.NextSeason(opts.Now())
	}
	if inf.TZ == "" {
		inf.TZ = plan.DefaultZone()
	}
	text := inf.YAML(opts.Out)
	if opts.Out == "" {
		_, err := io.WriteString(opts.IO.Out, text)
		return err
	}
	if err := outfile.WriteFileAtomic(opts.Out, opts.Force, inputs, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: check the season, targets and scenarios, then run peakstaff plan %s --out out/\n", opts.Out, opts.Out)
	return nil
}
