// Package outfile writes outputs so that a crash or a kill never leaves half
// of one: single files through a temporary name and a rename
// (WriteFileAtomic), and a plan's whole set of outputs as a transaction
// (BeginOutputSet: lock, stage, journal, manifest peakstaff.json, commit),
// recovered or rolled back by the next run.
package outfile

import (
	"io"
	"os"
	"path/filepath"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// WriteFileAtomic writes what fill produces to path through a temporary file
// in the same directory and renames it into place, so a crash leaves the old
// file or none, never half a file. Unless force is set, an existing path is
// refused. Paths listed in inputs are always refused: an output never
// overwrites an input.
func WriteFileAtomic(path string, force bool, inputs []string, fill func(w io.Writer) error) error {
	if err := CheckOutputPath(path, force, inputs); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmpName, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return err
	}
	ok = true
	return nil
}

// CheckOutputPath refuses an output path that is one of the inputs, a
// directory, and an existing file unless force is set.
func CheckOutputPath(path string, force bool, inputs []string) error {
	if err := checkNotInput(path, inputs); err != nil {
		return err
	}
	if outInfo, err := os.Stat(path); err == nil {
		if outInfo.IsDir() {
			return diag.Usagef("output %s is a directory", path)
		}
		if !force {
			return diag.Usagef("output %s already exists; use --force to overwrite it", path)
		}
	}
	return nil
}

// checkNotInput refuses an output path that names one of the inputs or
// the same file under another name: an output never overwrites an input.
func checkNotInput(path string, inputs []string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	outInfo, statErr := os.Stat(path)
	for _, in := range inputs {
		inAbs, err := filepath.Abs(in)
		if err != nil {
			continue
		}
		if inAbs == abs {
			return diag.Usagef("output %s is also an input; choose another path", path)
		}
		if statErr == nil {
			if inInfo, err := os.Stat(in); err == nil && os.SameFile(inInfo, outInfo) {
				return diag.Usagef("output %s is the same file as input %s; choose another path", path, in)
			}
		}
	}
	return nil
}
