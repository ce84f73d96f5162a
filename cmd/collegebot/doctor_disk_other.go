//go:build !unix

package main

import "errors"

// freeSpace is unknown without statfs(2).
func freeSpace(string) (uint64, error) { return 0, errors.ErrUnsupported }
