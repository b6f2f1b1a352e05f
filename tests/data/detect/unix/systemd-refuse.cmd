# needs: systemd-analyze
# units systemd refuses to load: a timer without a time, a command that is
# not executable (missing, and not an absolute path)
systemd-analyze verify ./backup.timer; systemd-analyze verify ./report.service
