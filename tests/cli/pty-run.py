#!/usr/bin/env python3
"""Run a command in a new pseudo-terminal, as a person at a terminal would,
and answer its questions.

Usage: pty-run.py [--timeout SEC] [--background] [--on TEXT ANSWER]...
                  -- COMMAND [ARG]...

The command becomes a session leader with the pty as its controlling
terminal (so /dev/tty is the pty and it is in the foreground group).  Each
--on pair, in order: once TEXT has appeared in the output (after the text
that matched the pair before it), ANSWER and a newline are typed.  What the
terminal showed goes to standard output.  The exit status is the command's
(128 + N when signal N ended it); 124 when it was still running after
--timeout seconds (default 60): it is then killed, and the processes still
in its terminal's session are listed on standard error (a stopped one shows
state T).  With --background the command runs in a process group of its
own that is not the terminal's foreground, like a shell's `COMMAND &`.
"""
import os
import pty
import select
import signal
import sys
import time


def main():
    args = sys.argv[1:]
    timeout = 60.0
    script = []
    background = False
    while args and args[0] != "--":
        if args[0] == "--timeout":
            timeout = float(args[1])
            args = args[2:]
        elif args[0] == "--background":
            background = True
            args = args[1:]
        elif args[0] == "--on":
            script.append((args[1].encode(), args[2].encode()))
            args = args[3:]
        else:
            sys.exit("pty-run.py: unknown option '%s'" % args[0])
    argv = args[1:]
    if not argv:
        sys.exit("pty-run.py: no command")
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if background:
                # the session leader stays in the foreground; the command
                # runs in a group of its own, as `COMMAND &` would
                child = os.fork()
                if child == 0:
                    os.setpgid(0, 0)
                    os.execvp(argv[0], argv)
                _, st = os.waitpid(child, 0)
                os._exit(os.waitstatus_to_exitcode(st) & 0xff)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    out = b""
    seen = 0
    deadline = time.monotonic() + timeout
    status = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], min(left, 0.2))
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                break
            out += data
            if script:
                k = out.find(script[0][0], seen)
                if k >= 0:
                    seen = k + len(script[0][0])
                    os.write(fd, script[0][1] + b"\n")
                    script.pop(0)
        else:
            got, st = os.waitpid(pid, os.WNOHANG)
            if got:
                status = st
                break
    sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
    sys.stdout.flush()
    end = time.monotonic() + (5 if time.monotonic() < deadline else 0)
    while status is None:
        got, st = os.waitpid(pid, os.WNOHANG)
        if got:
            status = st
        elif time.monotonic() >= end:
            break
        else:
            time.sleep(0.05)
    if status is None:
        # what is still running in the terminal's session, with its state
        for p in os.listdir("/proc"):
            try:
                with open("/proc/%s/stat" % p) as f:
                    st = f.read()
                fields = st.rsplit(")", 1)[1].split()
                if int(fields[3]) == pid:
                    sys.stderr.write("still running: %s\n" % st.strip())
            except (OSError, ValueError, IndexError):
                pass
        os.kill(pid, signal.SIGHUP)
        time.sleep(3)
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
        return 124
    os.close(fd)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


sys.exit(main())
