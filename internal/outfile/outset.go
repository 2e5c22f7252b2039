package outfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// An OutputSet writes the files of one run (plan's contacts, forecast,
// requirements, workbook, report, roster and calendars) into a folder as
// one transaction, so that the folder holds the old complete set or the
// new complete set, never a mix:
//
//  1. Begin checks every output path before any work (an existing set
//     needs force, no output may be an input), takes the folder's lock
//     file (a second run into the same folder stops with a message) and
//     finishes or removes what a killed run left.
//  2. The run writes into Stage, a hidden folder inside the target.
//  3. Commit writes a journal into the stage, then moves the files into
//     place, removes the old set's files the new one does not have, and
//     writes the manifest peakstaff.json last; the journal is removed at
//     the end. A run killed during the moves is rolled forward by the
//     next Begin, one killed before the journal is rolled back.
//
// Abort (deferred) removes the stage and releases the lock.
type OutputSet struct {
	Dir   string // the target folder
	Stage string // where the run writes its files
	names []string
	force bool
	lock  string
	done  bool
}

// ManifestName is the file that marks a complete set.
const ManifestName = "peakstaff.json"

const (
	lockName    = ".peakstaff.lock"
	stagePrefix = ".peakstaff-stage-"
	journalName = "JOURNAL"
)

// ErrLocked: another run is writing into the folder.
var ErrLocked = errors.New("another peakstaff run is writing into the folder")

// BeginOutputSet prepares a transaction over names (files, or folders
// such as "ics") in dir. Every existing name is refused unless force is
// set, and all are listed at once; inputs may never be overwritten.
func BeginOutputSet(dir string, names []string, force bool, inputs []string) (*OutputSet, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, diag.Usagef("output folder %s is a file", dir)
	}
	var exist []string
	for _, n := range append(append([]string(nil), names...), ManifestName) {
		p := filepath.Join(dir, n)
		// names may be folders (ics/): only inputs are refused here
		if err := checkNotInput(p, inputs); err != nil {
			return nil, err
		}
		if _, err := os.Lstat(p); err == nil && n != ManifestName {
			exist = append(exist, n)
		}
	}
	if len(exist) > 0 && !force {
		return nil, diag.Usagef("%s already holds %s; use --force to replace the whole set", dir, strings.Join(exist, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &OutputSet{Dir: dir, names: names, force: force, lock: filepath.Join(dir, lockName)}
	if err := s.takeLock(); err != nil {
		return nil, err
	}
	if err := Recover(dir); err != nil {
		s.releaseLock()
		return nil, err
	}
	stage, err := os.MkdirTemp(dir, stagePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		s.releaseLock()
		return nil, err
	}
	s.Stage = stage
	return s, nil
}

// takeLock creates the lock file holding this process's id; a lock whose
// process is gone (kill -9) is taken over.
func (s *OutputSet) takeLock() error {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(s.lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return f.Close()
		}
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		data, _ := os.ReadFile(s.lock)
		pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
		if perr == nil && processAlive(pid) {
			return fmt.Errorf("%w: %s (pid %d); wait for it to finish, or remove %s if no run is going on", ErrLocked, s.Dir, pid, s.lock)
		}
		if perr != nil {
			// being written this instant, or damaged: only an old one is stale
			if st, err := os.Stat(s.lock); err == nil && time.Since(st.ModTime()) < 10*time.Second {
				return fmt.Errorf("%w: %s; wait for it to finish, or remove %s if no run is going on", ErrLocked, s.Dir, s.lock)
			}
		}
		os.Remove(s.lock)
	}
	return fmt.Errorf("%w: %s", ErrLocked, s.Dir)
}

func (s *OutputSet) releaseLock() { os.Remove(s.lock) }

// processAlive reports whether a process with this id exists.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Abort removes the stage and releases the lock; after Commit it does
// nothing. It is safe to defer.
func (s *OutputSet) Abort() {
	if s == nil || s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.Stage)
	s.releaseLock()
}

// Manifest describes a complete output set.
type Manifest struct {
	Version  string     `json:"version"`
	PlanHash string     `json:"plan_hash,omitempty"` // sha256 of the plan file
	Created  time.Time  `json:"created"`
	Inputs   []FileHash `json:"inputs"`
	Outputs  []FileHash `json:"outputs"`
}

// FileHash names a file with its size and sha256 (a folder: its files).
type FileHash struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256,omitempty"`
}

// HashFile returns path's size and sha256.
func HashFile(path string) (FileHash, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileHash{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileHash{}, err
	}
	return FileHash{Path: path, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// journal is what Commit is about to do, written before it starts.
type journal struct {
	Names []string `json:"names"` // staged names to move into place
	Stale []string `json:"stale"` // old outputs to remove
}

// Commit moves the staged set into place; m lists the inputs (outputs
// are filled in here, relative to the folder). Only the names present in
// the stage are moved; the old set's other outputs are removed.
func (s *OutputSet) Commit(m Manifest) error {
	var staged []string
	for _, n := range s.names {
		if _, err := os.Lstat(filepath.Join(s.Stage, n)); err == nil {
			staged = append(staged, n)
		}
	}
	m.Outputs = nil
	for _, n := range staged {
		hs, err := hashTree(s.Stage, n)
		if err != nil {
			return err
		}
		m.Outputs = append(m.Outputs, hs...)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeSynced(filepath.Join(s.Stage, ManifestName), append(data, '\n')); err != nil {
		return err
	}
	j := journal{Names: append(staged, ManifestName)}
	for _, n := range s.oldOutputs() {
		if !contains(j.Names, n) {
			j.Stale = append(j.Stale, n)
		}
	}
	jd, _ := json.Marshal(j)
	TestPause("staged")
	// from here on the new set wins: a kill is rolled forward
	if err := writeSynced(filepath.Join(s.Stage, journalName), jd); err != nil {
		return err
	}
	if err := syncDir(s.Stage); err != nil {
		return err
	}
	TestPause("journal")
	if err := applyJournal(s.Dir, s.Stage, j); err != nil {
		return err
	}
	s.done = true
	os.RemoveAll(s.Stage)
	s.releaseLock()
	return nil
}

// oldOutputs are the names the current set in the folder consists of:
// those of its manifest, and every name this run writes.
func (s *OutputSet) oldOutputs() []string {
	names := append([]string(nil), s.names...)
	data, err := os.ReadFile(filepath.Join(s.Dir, ManifestName))
	if err != nil {
		return names
	}
	var old Manifest
	if json.Unmarshal(data, &old) != nil {
		return names
	}
	for _, o := range old.Outputs {
		top := strings.SplitN(filepath.ToSlash(o.Path), "/", 2)[0]
		// only plain names inside the folder: a damaged manifest must
		// not make us delete anything else
		if top != "" && top != "." && top != ".." && !contains(names, top) && !strings.ContainsAny(top, `\:`) {
			names = append(names, top)
		}
	}
	return names
}

// applyJournal performs the moves of a journal; it can be run again
// after a kill: a name already moved is absent from the stage. The old
// manifest goes first, so that a set being replaced is never marked
// complete; the new manifest comes last.
func applyJournal(dir, stage string, j journal) error {
	if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	trash := filepath.Join(stage, "old")
	os.MkdirAll(trash, 0o755)
	for _, n := range j.Stale {
		if err := os.Rename(filepath.Join(dir, n), filepath.Join(trash, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	for _, n := range j.Names {
		src, dst := filepath.Join(stage, n), filepath.Join(dir, n)
		if _, err := os.Lstat(src); errors.Is(err, os.ErrNotExist) {
			continue // moved before a kill
		}
		if st, err := os.Lstat(dst); err == nil && st.IsDir() {
			// a folder (calendars) is replaced whole: none of the old
			// agents' files may stay
			if err := os.Rename(dst, filepath.Join(trash, n)); err != nil {
				return err
			}
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
		TestPause("moved " + n)
	}
	return syncDir(dir)
}

// Recover finishes or undoes what killed runs left in dir: a stage with
// a journal is moved into place, one without is removed, and the
// temporary files of single-file writes are deleted. The caller holds
// the lock.
func Recover(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, stagePrefix) && e.IsDir():
			if data, err := os.ReadFile(filepath.Join(p, journalName)); err == nil {
				var j journal
				if json.Unmarshal(data, &j) == nil {
					if err := applyJournal(dir, p, j); err != nil {
						return fmt.Errorf("finishing the output set a killed run left in %s: %w", dir, err)
					}
				}
			}
			if err := os.RemoveAll(p); err != nil {
				return err
			}
		case isAtomicTemp(name):
			os.Remove(p)
		}
	}
	return nil
}

// isAtomicTemp recognises WriteFileAtomic's temporary files
// (".contacts.csv.tmp-123") and the calendar writer's (".ics.tmp...").
func isAtomicTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp")
}

// hashTree hashes a staged file, or every file of a staged folder.
func hashTree(stage, name string) ([]FileHash, error) {
	var out []FileHash
	err := filepath.WalkDir(filepath.Join(stage, name), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		h, err := HashFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(stage, p)
		h.Path = filepath.ToSlash(rel)
		out = append(out, h)
		return nil
	})
	sort.Slice(out, func(i, k int) bool { return out[i].Path < out[k].Path })
	return out, err
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	d.Sync() // not every file system syncs folders; the renames stand anyway
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
