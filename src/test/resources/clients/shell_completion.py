"""The shell's tab completion in a real terminal (ShellCompletionIT runs this).

Usage: shell_completion.py JAVA JAR. Starts `JAVA -jar JAR` (the interactive shell) in a
pseudo-terminal of 160 x 40, types each line below followed by TAB, and prints what the
terminal shows after it, one block per line: "### typed", then the screen text.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

JAVA, JAR = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(JAVA, [JAVA, "-jar", JAR])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))


def read_for(seconds, until=None):
    out = b""
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
            if until is not None and until in out:
                break
    return out.decode(errors="replace")


read_for(60, until=b"> ")  # the prompt
for typed in ["SELECT * FROM GRA", "SELECT KL_DIV", "SELECT WASSERS"]:
    os.write(fd, typed.encode() + b"\t")
    print("###", typed)
    print(read_for(3))
    os.write(fd, b"\x15")  # Ctrl-U: clear the line
    read_for(0.5)
os.write(fd, b"!quit\n")
read_for(5)
