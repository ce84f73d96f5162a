//go:build !linux

package main

import "syscall"

// dieWithParent is Linux's alone; elsewhere a child may outlive loadgen.
func dieWithParent() *syscall.SysProcAttr { return nil }
