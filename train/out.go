package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// checkOut says what is wrong with fit's -out path before training starts:
// a directory where a file name is due, a directory that does not exist,
// or one that cannot be written to. writeModel still handles what changes
// between this check and the write.
func checkOut(path string) error {
	isDir := strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator))
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		isDir = true
	}
	if isDir {
		return fmt.Errorf("-out %s is a directory; give a file name, e.g. %s", path, filepath.Join(path, "model.afm"))
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("-out %s: directory %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("-out %s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("-out %s: %s is not a directory", path, dir)
	}
	// Writable: the only sure test is to create a file there.
	probe, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("-out %s: cannot write in %s: %w", path, dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}
