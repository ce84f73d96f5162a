package main

import "syscall"

// dieWithParent has a child process killed when loadgen dies, so an
// interrupted run leaves no server behind.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
