package models

import (
	_ "embed"
	"sync"
)

// defaultModel is the model trained by the command in the README.
//
//go:embed default.afm
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultFile *File
	defaultErr  error
)

// Default returns the embedded default model file, decoded once. Callers
// must not modify it.
func Default() (*File, error) {
	defaultOnce.Do(func() {
		// in place: the embedded bytes never change
		defaultFile, defaultErr = ReadBytes(defaultModel)
	})
	return defaultFile, defaultErr
}

// DefaultBytes returns the embedded default model file as stored. The
// decoded Default points into it: callers must not modify it.
func DefaultBytes() []byte { return defaultModel }
