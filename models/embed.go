package models

import (
	"bytes"
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
		defaultFile, defaultErr = Read(bytes.NewReader(defaultModel))
	})
	return defaultFile, defaultErr
}

// DefaultBytes returns the embedded default model file as stored.
func DefaultBytes() []byte { return defaultModel }
